using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.People;

public sealed class PeopleTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task List_ShowsMaskedNumbers_AndOnlyTheCallersSubtree(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var township = await app.SignInAsync("t2admin");

        var list = await township.GetFromJsonAsync<JsonElement>("/api/v1/people");
        var other = await township.GetAsync("/api/v1/people/1");
        var byFullId = await township.GetFromJsonAsync<JsonElement>("/api/v1/people?q=" + Ids.Valid(1));

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Single(items);
        Assert.Equal("李四", items[0].GetProperty("name").GetString());
        Assert.Equal(Ids.Valid(4)[..6] + "********" + Ids.Valid(4)[14..], items[0].GetProperty("idNumberMasked").GetString());
        Assert.Equal("139****5678", items[0].GetProperty("phoneMasked").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(0, byFullId.GetProperty("total").GetInt32());
        Assert.Equal(tree.V21, items[0].GetProperty("organizationId").GetInt64());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Search_ByFullIdNumber_FindsThePersonWithoutStoringItInClear(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var found = await admin.GetFromJsonAsync<JsonElement>("/api/v1/people?q=" + Ids.Valid(3));

        Assert.Equal("孙三", found.GetProperty("items")[0].GetProperty("name").GetString());
        var ciphers = await app.QueryAsync(db => db.People.Select(p => p.IdNumberCipher).ToListAsync());
        foreach (var cipher in ciphers)
        {
            Assert.DoesNotContain(Ids.Valid(3), Encoding.UTF8.GetString(cipher));
        }
    }

    [Fact]
    public async Task SqliteFile_NeverContainsIdOrPhoneNumbersInClear()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));
        SqliteConnection.ClearAllPools();

        var bytes = await File.ReadAllBytesAsync(Path.Combine(app.DataDirectory, "pingyi.db"));
        var text = Encoding.ASCII.GetString(bytes);

        Assert.True(bytes.Length > 0);
        Assert.DoesNotContain(Ids.Valid(1), text);
        Assert.DoesNotContain(Ids.Valid(1)[..14], text);
        Assert.DoesNotContain("13912345678", text);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Details_ShowsMembershipHistoryAndPositions(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var id = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());

        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");

        Assert.Equal("赵一", details.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal(tree.V11, details.GetProperty("memberships")[0].GetProperty("organizationId").GetInt64());
    }
}
