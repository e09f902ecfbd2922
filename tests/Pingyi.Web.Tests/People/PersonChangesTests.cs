using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.People;

public sealed class PersonChangesTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Register_ValidPerson_StoresEncrypted_AndAuditsMasked(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var id = Ids.Valid(70);

        var response = await admin.PostAsJsonAsync("/api/v1/people", new
        {
            name = "陈新", idNumber = id, phone = "13700007777", organizationId = tree.V12, memberStatus = "Probationary", joinedOn = "2026-01-10",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id[..6] + "********" + id[14..], body.GetProperty("person").GetProperty("idNumberMasked").GetString());
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "person.create"));
        Assert.DoesNotContain(id, audit.Data);
        Assert.DoesNotContain("13700007777", audit.Data);
        Assert.Contains(id[..6] + "********", audit.Data);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Register_BadInput_IsRefusedWithTheReason_AndNothingStored(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var bad = Ids.Valid(71)[..17] + (Ids.Valid(71)[17] == '1' ? "2" : "1");

        var checksum = await admin.PostAsJsonAsync("/api/v1/people", new { name = "甲", idNumber = bad, organizationId = tree.V11, memberStatus = "None" });
        var duplicate = await admin.PostAsJsonAsync("/api/v1/people", new { name = "甲", idNumber = Ids.Valid(1), organizationId = tree.V11, memberStatus = "None" });
        var probationaryConfirmed = await admin.PostAsJsonAsync("/api/v1/people", new
        {
            name = "乙", idNumber = Ids.Valid(72), organizationId = tree.V11, memberStatus = "Probationary", joinedOn = "2025-01-01", confirmedOn = "2026-01-01",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, checksum.StatusCode);
        Assert.Contains("校验位", (await checksum.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, probationaryConfirmed.StatusCode);
        Assert.Contains("预备党员不应有转正日期", (await probationaryConfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(4, await app.QueryAsync(db => db.People.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Transfer_KeepsTheHistory_AndEndsPostsInTheOldOrganization(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{zhao}/positions", new { organizationId = tree.V11, title = "Secretary", termStart = "2021-01-01" })).StatusCode);

        var response = await admin.PostAsJsonAsync($"/api/v1/people/{zhao}/transfer", new { organizationId = tree.V21, effectiveOn = "2026-06-01", reason = "工作调动" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = await response.Content.ReadFromJsonAsync<JsonElement>();
        var memberships = details.GetProperty("memberships").EnumerateArray().ToList();
        Assert.Equal(2, memberships.Count);
        Assert.Equal(tree.V21, memberships[0].GetProperty("organizationId").GetInt64());
        Assert.Equal("2026-06-01", memberships[1].GetProperty("endedOn").GetString());
        Assert.Equal("2026-06-01", details.GetProperty("positions")[0].GetProperty("termEnd").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Appointing_ASecondSecretary_IsRefused_UntilTheFirstTermEnds(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var ids = await app.QueryAsync(db => db.People.Where(p => p.OrganizationId == tree.V11).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());

        var first = await (await admin.PostAsJsonAsync($"/api/v1/people/{ids[0]}/positions", new { organizationId = tree.V11, title = "Secretary" })).Content.ReadFromJsonAsync<JsonElement>();
        var second = await admin.PostAsJsonAsync($"/api/v1/people/{ids[1]}/positions", new { organizationId = tree.V11, title = "Secretary" });
        var positionId = first.GetProperty("positions")[0].GetProperty("id").GetInt64();
        var ended = await admin.PostAsJsonAsync($"/api/v1/people/{ids[0]}/positions/{positionId}/end", new { });
        var third = await admin.PostAsJsonAsync($"/api/v1/people/{ids[1]}/positions", new { organizationId = tree.V11, title = "Secretary" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("现任书记是赵一", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ATownshipAdministrator_CannotTouchPeopleOrOrganizationsOfAnotherTownship(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        var li = await app.QueryAsync(db => db.People.Where(p => p.Name == "李四").Select(p => p.Id).SingleAsync());

        var intoOther = await township.PostAsJsonAsync($"/api/v1/people/{zhao}/transfer", new { organizationId = tree.V21 });
        var otherPerson = await township.PutAsJsonAsync($"/api/v1/people/{li}", new { name = "改名", memberStatus = "Full", joinedOn = "2010-07-01" });
        var registerElsewhere = await township.PostAsJsonAsync("/api/v1/people", new { name = "甲", idNumber = Ids.Valid(73), organizationId = tree.V21, memberStatus = "None" });

        Assert.Equal(HttpStatusCode.NotFound, intoOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPerson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, registerElsewhere.StatusCode);
        Assert.Equal("李四", await app.QueryAsync(db => db.People.Where(p => p.Id == li).Select(p => p.Name).SingleAsync()));
        Assert.Equal(tree.V11, await app.QueryAsync(db => db.People.Where(p => p.Id == zhao).Select(p => p.OrganizationId).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Update_WithoutPhone_KeepsThePhone(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());

        var response = await admin.PutAsJsonAsync($"/api/v1/people/{zhao}", new { name = "赵壹", memberStatus = "Full", joinedOn = "2010-07-01", representatives = "PartyCongress" });

        var person = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("赵壹", person.GetProperty("name").GetString());
        Assert.Equal("139****5678", person.GetProperty("phoneMasked").GetString());
        Assert.Equal("PartyCongress", person.GetProperty("representatives").GetString());
    }
}
