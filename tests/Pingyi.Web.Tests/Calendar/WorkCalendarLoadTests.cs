using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Calendar;

/// <summary>
/// The platform ships 2026's official schedule; for 2027 it knows only the statutory holidays and says so, until an
/// administrator loads the State Council's notice — refused line by line when a line cannot be used.
/// </summary>
public sealed class WorkCalendarLoadTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task NextYear_IsStatutoryOnly_UntilItsScheduleIsLoaded_AndABadLineIsRefusedWithItsNumber(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var shipped = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2026");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2027");
        var settings = await admin.GetStringAsync("/Settings");
        var refused = await admin.PutAsJsonAsync("/api/v1/calendar/2027", new { daysOff = "2027-01-01\n2027-02-05~2027-02-11\n2027-13-01", workedWeekendDays = "2027-02-03" });
        var loaded = await admin.PutAsJsonAsync("/api/v1/calendar/2027", new { daysOff = "2027-01-01\n2027-02-05至2027-02-11\n2027-10-01~2027-10-07", workedWeekendDays = "2027-02-14\n2027-10-09" });
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2027");
        var township = await app.SignInAsync("t1admin");

        Assert.True(shipped.GetProperty("official").GetBoolean());
        Assert.Equal(33, shipped.GetProperty("daysOff").GetArrayLength());
        Assert.False(before.GetProperty("official").GetBoolean());
        Assert.Equal(13, before.GetProperty("daysOff").GetArrayLength());
        Assert.Contains("尚未载入正式安排", settings);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("第 3 行", errors.GetProperty("daysOff")[0].GetString());
        Assert.Contains("不是周六或周日", errors.GetProperty("workedWeekendDays")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, loaded.StatusCode);
        Assert.True(after.GetProperty("official").GetBoolean());
        Assert.Equal(15, after.GetProperty("daysOff").GetArrayLength());
        Assert.Equal(["2027-02-14", "2027-10-09"], after.GetProperty("workedWeekendDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PutAsJsonAsync("/api/v1/calendar/2028", new { daysOff = "2028-01-01", workedWeekendDays = "" })).StatusCode);
    }
}
