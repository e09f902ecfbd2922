using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// One convention for refusals (docs/decisions/0011), module by module: 400 a request that cannot be
/// read, 401 not signed in, 403 not allowed, 404 outside the caller's scope, 409 the state forbids it,
/// 422 a value fails validation, as a validation problem naming the field when there is one.
/// </summary>
public sealed class RefusalConventionTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly string[] Modules = ["Organizations", "People", "Ledger", "Supervision", "Bulletins", "Meetings", "Accounts", "Documents", "Calendar", "Commitments", "Grading", "Awards", "Archives", "Projects", "Training", "Stationing", "Selection", "Accountability", "Petitions", "Requests", "Statistics", "Membership", "Coverage", "OpenAffairs", "Pairing", "Venues", "Delegates"];

    /// <summary>Who asks (null: nobody signed in), what, and the answer expected; Field is the 422 error's key.</summary>
    private sealed record Ask(string? User, string Method, string Url, string? Json, HttpStatusCode Status, string? Field = null);

    private static IEnumerable<Ask> Asks(string module, TestTree t, long item, long commitment, long award) => module switch
    {
        "Organizations" =>
        [
            new("admin", "POST", "/api/v1/organizations", "{\"code\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/organizations", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/organizations", $$"""{"code":"X1","name":"新支部","level":"Branch","category":"Village","parentId":{{t.T1}}}""", HttpStatusCode.Forbidden),
            new("t1admin", "GET", $"/api/v1/organizations/{t.V21}", null, HttpStatusCode.NotFound),
            new("admin", "POST", $"/api/v1/organizations/{t.County}/dissolve", "{}", HttpStatusCode.Conflict),
            new("admin", "POST", "/api/v1/organizations", $$"""{"code":"X2","name":"支部下的支部","level":"Branch","category":"Village","parentId":{{t.V11}}}""", HttpStatusCode.UnprocessableEntity),
        ],
        "People" =>
        [
            new("admin", "POST", "/api/v1/people", "[1,2", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/people", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/people", $$"""{"name":"甲","idNumber":"{{Ids.Valid(81)}}","organizationId":{{t.V11}},"memberStatus":"None"}""", HttpStatusCode.Forbidden),
            new("t1admin", "POST", "/api/v1/people", $$"""{"name":"甲","idNumber":"{{Ids.Valid(82)}}","organizationId":{{t.V21}},"memberStatus":"None"}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/people", $$"""{"name":"甲","idNumber":"{{Ids.Valid(1)}}","organizationId":{{t.V11}},"memberStatus":"None"}""", HttpStatusCode.Conflict),
            new("admin", "POST", "/api/v1/people", $$"""{"name":"甲","idNumber":"410326198001010000","organizationId":{{t.V11}},"memberStatus":"None"}""", HttpStatusCode.UnprocessableEntity),
        ],
        "Ledger" =>
        [
            new("admin", "POST", $"/api/v1/ledger/{item}/send-back", "{\"text\": 5", HttpStatusCode.BadRequest),
            new(null, "GET", $"/api/v1/ledger/{item}", null, HttpStatusCode.Unauthorized),
            new("t1admin", "POST", $"/api/v1/ledger/{item}/close-out", "{}", HttpStatusCode.Forbidden),
            new("t2admin", "GET", $"/api/v1/ledger/{item}", null, HttpStatusCode.NotFound),
            new("t1admin", "POST", $"/api/v1/ledger/{item}/submit", "{}", HttpStatusCode.Conflict),
            new("admin", "POST", $"/api/v1/ledger/{item}/extend", """{"deadline":"2027-03-01","reason":" "}""", HttpStatusCode.UnprocessableEntity, "reason"),
        ],
        "Supervision" =>
        [
            new("admin", "POST", "/api/v1/tasks", "{", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/tasks", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/tasks", $$"""{"title":"学习","organizationIds":[{{t.V11}}]}""", HttpStatusCode.Forbidden),
            new("t1admin", "POST", "/api/v1/tasks", $$"""{"title":"学习","organizationIds":[{{t.V21}}]}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/daily-reports", """{"date":"2020-01-01","text":"补报"}""", HttpStatusCode.UnprocessableEntity),
        ],
        "Bulletins" =>
        [
            new("admin", "POST", "/api/v1/bulletins", "{\"year\":", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/bulletins", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/bulletins", """{"year":2026,"month":10}""", HttpStatusCode.Forbidden),
            new("t1admin", "GET", $"/api/v1/bulletins/preview?year=2026&month=10&root={t.T2}", null, HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/bulletins", """{"year":2026,"month":13}""", HttpStatusCode.UnprocessableEntity),
        ],
        "Calendar" =>
        [
            new("admin", "PUT", "/api/v1/calendar/2027", "{\"daysOff\":", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/calendar/2027", null, HttpStatusCode.Unauthorized),
            new("t1admin", "PUT", "/api/v1/calendar/2027", """{"daysOff":"2027-01-01","workedWeekendDays":""}""", HttpStatusCode.Forbidden),
            new("admin", "PUT", "/api/v1/calendar/2027", """{"daysOff":"","workedWeekendDays":""}""", HttpStatusCode.UnprocessableEntity, "daysOff"),
        ],
        "Documents" =>
        [
            new("admin", "PUT", $"/api/v1/documents/issuers/{t.County}", "{\"name\":", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/documents", null, HttpStatusCode.Unauthorized),
            new("t1admin", "PUT", $"/api/v1/documents/issuers/{t.T1}", """{"name":"中共一号镇委员会","prefix":"一党通"}""", HttpStatusCode.Forbidden),
            new("t1admin", "PUT", $"/api/v1/documents/issuers/{t.T2}", """{"name":"中共二号乡委员会","prefix":"二党通"}""", HttpStatusCode.NotFound),
            new("admin", "PUT", $"/api/v1/documents/issuers/{t.County}", """{"name":"","prefix":"测组通"}""", HttpStatusCode.UnprocessableEntity, "name"),
        ],
        "Meetings" =>
        [
            new("admin", "POST", "/api/v1/schemes", "{\"name\":", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/meetings", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/schemes", $$$"""{"name":"x","organizationId":{{{t.V11}}},"rules":{"groups":[{"key":"a","name":"甲","weight":1}]}}""", HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/schemes", $$$"""{"name":"x","organizationId":{{{t.County}}},"rules":{"groups":[{"key":"a","name":"甲","weight":1}]}}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/schemes", $$$"""{"name":"x","organizationId":{{{t.County}}},"rules":{"groups":[]}}""", HttpStatusCode.UnprocessableEntity),
        ],
        "Accounts" =>
        [
            new("admin", "POST", "/api/v1/accounts", "{\"userName\"", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/accounts", null, HttpStatusCode.Unauthorized),
            new("v11sec", "GET", "/api/v1/accounts", null, HttpStatusCode.Forbidden),
            new("t1admin", "POST", "/api/v1/accounts", $$"""{"userName":"v21sec","organizationId":{{t.V21}},"roles":["Secretary"],"password":"Branch-Pass-2026"}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/accounts", $$"""{"userName":"t1admin","organizationId":{{t.T1}},"roles":["Secretary"],"password":"Branch-Pass-2026"}""", HttpStatusCode.Conflict),
            new("admin", "POST", "/api/v1/accounts", $$"""{"userName":"weak","organizationId":{{t.T1}},"roles":["Secretary"],"password":"short"}""", HttpStatusCode.UnprocessableEntity),
        ],
        "Commitments" =>
        [
            new("admin", "POST", $"/api/v1/commitments/{commitment}/send-back", "{\"text\": 5", HttpStatusCode.BadRequest),
            new(null, "GET", $"/api/v1/commitments/{commitment}", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", $"/api/v1/commitments/{commitment}/approve", "{}", HttpStatusCode.Forbidden),
            new("t2admin", "GET", $"/api/v1/commitments/{commitment}", null, HttpStatusCode.NotFound),
            new("admin", "POST", $"/api/v1/commitments/{commitment}/approve", "{}", HttpStatusCode.Conflict),
            new("admin", "POST", "/api/v1/commitments", $$"""{"organizationId":{{t.V11}},"year":2027,"title":" ","items":[{"target":"新建党员活动室","category":"阵地建设","deadline":"2027-06-30"}]}""",
                HttpStatusCode.UnprocessableEntity, "title"),
        ],
        "Grading" =>
        [
            new("admin", "PUT", "/api/v1/grading/inputs", "{\"score\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/grading/2026", null, HttpStatusCode.Unauthorized),
            new("t1admin", "POST", "/api/v1/grading/2026/publish", "{}", HttpStatusCode.Forbidden),
            new("t2admin", "GET", $"/api/v1/grading/organizations/{t.V11}", null, HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/grading/2026/publish", "{}", HttpStatusCode.Conflict), // nothing recorded yet
            new("admin", "PUT", "/api/v1/grading/inputs", $$"""{"organizationId":{{t.V11}},"year":2026,"kind":"monthly","period":13,"score":80}""",
                HttpStatusCode.UnprocessableEntity, "period"),
        ],
        "Awards" =>
        [
            new("admin", "POST", $"/api/v1/awards/{award}/nominations", "{\"deeds\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/awards", null, HttpStatusCode.Unauthorized),
            new("t1admin", "POST", "/api/v1/awards/customary/2026", null, HttpStatusCode.Forbidden),
            new("t1admin", "POST", $"/api/v1/awards/{award}/nominations", $$"""{"organizationId":{{t.V21}},"deeds":"带领群众发展产业"}""", HttpStatusCode.NotFound),
            new("admin", "POST", $"/api/v1/awards/{award}/approval", null, HttpStatusCode.Conflict), // not publicized
            new("admin", "POST", $"/api/v1/awards/{award}/nominations", $$"""{"organizationId":{{t.V11}},"deeds":" "}""", HttpStatusCode.UnprocessableEntity, "deeds"),
        ],
        "Archives" =>
        [
            new("t1admin", "POST", "/api/v1/archives/quarters", "{\"year\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/archives/rankings/2026", null, HttpStatusCode.Unauthorized),
            new("v11sec", "GET", "/api/v1/archives/rankings/2026", null, HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/archives/quarters", $$"""{"hostOrganizationId":{{t.T1}},"kind":"VillageSecretary","year":2026,"quarter":1}""", HttpStatusCode.NotFound),
            new("t1admin", "POST", "/api/v1/archives/quarters", $$"""{"hostOrganizationId":{{t.T1}},"kind":"VillageSecretary","year":2026,"quarter":1}""", HttpStatusCode.Conflict), // no village has a secretary
            new("t1admin", "POST", "/api/v1/archives/quarters", $$"""{"hostOrganizationId":{{t.T1}},"kind":"VillageSecretary","year":2026,"quarter":5}""", HttpStatusCode.UnprocessableEntity, "quarter"),
        ],
        "Training" =>
        [
            new("admin", "POST", "/api/v1/training/courses", "{\"title\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/training/coverage/2026", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/training/courses", "{}", HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/training/courses", $$"""{"title":"轮训班","kind":"PartySchool","organizationId":{{t.T1}},"startOn":"2026-03-01","endOn":"2026-03-02","hours":8}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/training/courses", $$"""{"title":"轮训班","kind":"PartySchool","organizationId":{{t.T1}},"startOn":"2026-03-01","endOn":"2026-03-02","hours":0}""",
                HttpStatusCode.UnprocessableEntity, "hours"),
        ],
        "Projects" =>
        [
            new("t1admin", "POST", "/api/v1/projects", "{\"name\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/projects", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/projects", "{}", HttpStatusCode.Forbidden),
            new("t1admin", "GET", "/api/v1/projects/999999", null, HttpStatusCode.NotFound),
            new("t1admin", "POST", "/api/v1/projects", $$"""{"name":"","organizationId":{{t.T1}},"leaderPersonId":1,"startOn":"2026-01-01","milestones":[{"name":"开工","dueOn":"2026-02-01"}]}""",
                HttpStatusCode.UnprocessableEntity, "name"),
        ],
        "Stationing" =>
        [
            new("t1admin", "POST", "/api/v1/stationing", "{\"role\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/stationing", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/stationing", "{}", HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/stationing", $$"""{"personId":1,"villageOrganizationId":{{t.V11}},"role":"驻村第一书记","startOn":"2026-01-05"}""", HttpStatusCode.NotFound),
            new("t1admin", "POST", "/api/v1/stationing", $$"""{"personId":1,"villageOrganizationId":{{t.V11}},"role":"驻村第一书记"}""", HttpStatusCode.UnprocessableEntity, "startOn"),
        ],
        "Selection" =>
        [
            new("admin", "POST", "/api/v1/selection/batches", "{\"title\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/selection/batches", null, HttpStatusCode.Unauthorized),
            new("t1admin", "GET", "/api/v1/selection/batches", null, HttpStatusCode.Forbidden),
            new("admin", "GET", "/api/v1/selection/batches/999999", null, HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/selection/batches", $$"""{"title":"选任","year":2026,"organizationId":{{t.County}},"nominationFrom":"2026-12-01","nominationUntil":"2026-12-10","posts":[]}""",
                HttpStatusCode.UnprocessableEntity, "posts"),
        ],
        "Accountability" =>
        [
            new("admin", "POST", "/api/v1/accountability/records", "{\"facts\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/accountability/records", null, HttpStatusCode.Unauthorized),
            new("t1admin", "GET", "/api/v1/accountability/records", null, HttpStatusCode.Forbidden),
            new("admin", "POST", "/api/v1/accountability/records", """{"personId":999999,"situation":1,"measure":1,"document":"测纪〔2026〕3号","facts":"久拖不办","decidedOn":"2026-11-01"}""",
                HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/accountability/records", """{"personId":1,"situation":0,"measure":1,"document":"测纪〔2026〕3号","facts":"久拖不办","decidedOn":"2026-11-01"}""",
                HttpStatusCode.UnprocessableEntity, "situation"),
        ],
        "Petitions" =>
        [
            new("admin", "POST", "/api/v1/petitions", "{\"name\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/petitions", null, HttpStatusCode.Unauthorized),
            new("v11sec", "GET", "/api/v1/petitions", null, HttpStatusCode.Forbidden),
            new("admin", "GET", "/api/v1/petitions/999999", null, HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/petitions", $$"""{"organizationId":{{t.T1}},"kind":"Claim","channel":"Visit","name":"","address":"东村3组","request":"修路","facts":"村道损毁"}""",
                HttpStatusCode.UnprocessableEntity, "name"),
        ],
        "Requests" =>
        [
            new("admin", "POST", "/api/v1/requests", "{\"serviceCode\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/requests", null, HttpStatusCode.Unauthorized),
            new("t1admin", "POST", "/api/v1/requests/keys", """{"name":"某应用"}""", HttpStatusCode.Forbidden),
            new("admin", "GET", "/api/v1/requests/999999", null, HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/requests", $$$"""{"serviceCode":"ROAD","description":"","address":"东村","attributes":{"township":["{{{t.T1}}}"]}}""",
                HttpStatusCode.UnprocessableEntity, "description"),
            new(null, "POST", "/api/v1/requests/track/file", $$$"""{"serviceCode":"ROAD","description":"路坏了","attributes":{"township":["{{{t.T1}}}"]}}""",
                HttpStatusCode.UnprocessableEntity, "address_string"),
            new(null, "GET", "/api/v1/requests/teams", null, HttpStatusCode.Unauthorized),
            new("admin", "GET", "/api/v1/requests/teams/999999", null, HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/requests/teams", $$"""{"organizationId":{{t.V11}},"name":"","formedOn":"2026-01-10"}""", HttpStatusCode.UnprocessableEntity, "name"),
            new("admin", "POST", "/api/v1/requests/grid-groups", "{\"name\": ", HttpStatusCode.BadRequest),
            new("admin", "POST", "/api/v1/requests/grid-groups", $$"""{"organizationId":{{t.County}},"name":"县群","members":900}""", HttpStatusCode.UnprocessableEntity, "members"),
        ],
        "Membership" =>
        [
            new("admin", "POST", "/api/v1/membership", "{\"personId\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/membership", null, HttpStatusCode.Unauthorized),
            new("t1admin", "POST", "/api/v1/membership", "{\"personId\":1,\"appliedOn\":\"2026-01-05\",\"document\":\"入党申请书\",\"approvedBy\":\"赵一\"}", HttpStatusCode.UnprocessableEntity, "personId"),
            new("t2admin", "POST", "/api/v1/membership", "{\"personId\":1,\"appliedOn\":\"2026-01-05\",\"document\":\"入党申请书\",\"approvedBy\":\"赵一\"}", HttpStatusCode.NotFound),
            new("admin", "GET", "/api/v1/membership/999999", null, HttpStatusCode.NotFound),
        ],
        "Coverage" =>
        [
            new("admin", "POST", "/api/v1/coverage", "{\"name\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/coverage/summary", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/coverage", $$"""{"name":"甲公司","kind":"Enterprise","organizationId":{{t.V11}},"employees":1,"members":0,"mode":"None"}""", HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/coverage", $$"""{"name":"甲公司","kind":"Enterprise","organizationId":{{t.T1}},"employees":1,"members":0,"mode":"None"}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/coverage", $$"""{"name":"","kind":"Enterprise","organizationId":{{t.T1}},"employees":1,"members":0,"mode":"None"}""", HttpStatusCode.UnprocessableEntity, "name"),
        ],
        "OpenAffairs" =>
        [
            new("admin", "POST", "/api/v1/open-affairs/decisions", "{\"title\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/open-affairs/decisions", null, HttpStatusCode.Unauthorized),
            new("t1admin", "POST", "/api/v1/open-affairs/powers", """{"number":1,"name":"村级重大事项决策","category":"决策","procedure":"提议","needsDecision":true}""", HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/open-affairs/decisions", $$"""{"organizationId":{{t.V11}},"title":"修路","matter":"修路","on":"2026-10-08","minutes":"同意"}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/open-affairs/decisions", $$"""{"organizationId":{{t.V11}},"title":"","matter":"修路","on":"2026-10-08","minutes":"同意"}""", HttpStatusCode.UnprocessableEntity, "title"),
            new("admin", "GET", "/api/v1/open-affairs/decisions/999999", null, HttpStatusCode.NotFound),
        ],
        "Pairing" =>
        [
            new("admin", "POST", "/api/v1/pairings", "{\"plan\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/pairings", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/pairings", $$"""{"unitOrganizationId":{{t.B13}},"villageOrganizationId":{{t.V11}},"startOn":"2026-03-01","plan":"培训"}""", HttpStatusCode.Forbidden),
            new("t2admin", "POST", "/api/v1/pairings", $$"""{"unitOrganizationId":{{t.B13}},"villageOrganizationId":{{t.V11}},"startOn":"2026-03-01","plan":"培训"}""", HttpStatusCode.NotFound),
            new("admin", "POST", "/api/v1/pairings", $$"""{"unitOrganizationId":{{t.B13}},"villageOrganizationId":{{t.V11}},"startOn":"2026-03-01","plan":""}""", HttpStatusCode.UnprocessableEntity, "plan"),
            new("admin", "GET", "/api/v1/pairings/999999", null, HttpStatusCode.NotFound),
        ],
        "Venues" =>
        [
            new("admin", "PUT", $"/api/v1/venues/{t.V11}", "{\"area\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/venues", null, HttpStatusCode.Unauthorized),
            new("v11sec", "PUT", $"/api/v1/venues/{t.V11}", """{"area":100,"operatingFunds":12000,"centres":"Office"}""", HttpStatusCode.Forbidden),
            new("t2admin", "PUT", $"/api/v1/venues/{t.V11}", """{"area":100,"operatingFunds":12000,"centres":"Office"}""", HttpStatusCode.NotFound),
            new("admin", "PUT", $"/api/v1/venues/{t.V11}", """{"operatingFunds":12000,"centres":"Office"}""", HttpStatusCode.UnprocessableEntity, "area"),
            new("admin", "GET", "/api/v1/venues/999999", null, HttpStatusCode.NotFound),
        ],
        "Delegates" =>
        [
            new("admin", "POST", "/api/v1/delegates/duties", "{\"kind\": ", HttpStatusCode.BadRequest),
            new(null, "GET", "/api/v1/delegates/duties", null, HttpStatusCode.Unauthorized),
            new("v11sec", "POST", "/api/v1/delegates/duties", $$"""{"kind":"Proposal","personId":1,"addressedOrganizationId":{{t.T1}},"on":"2026-09-10","subject":"提案","content":"内容"}""", HttpStatusCode.Forbidden),
            new("admin", "POST", "/api/v1/delegates/duties", $$"""{"kind":"Proposal","personId":1,"addressedOrganizationId":{{t.T1}},"on":"2026-09-10","subject":"","content":"内容"}""", HttpStatusCode.UnprocessableEntity, "subject"),
            new("t2admin", "POST", "/api/v1/delegates/observations", $$"""{"organizationId":{{t.T1}},"on":"2026-09-12","meeting":"党委会","observers":5,"matters":"研究"}""", HttpStatusCode.NotFound),
            new("admin", "GET", "/api/v1/delegates/duties/999999", null, HttpStatusCode.NotFound),
        ],
        "Statistics" =>
        [
            new(null, "GET", "/api/v1/statistics", null, HttpStatusCode.Unauthorized),
            new("t1admin", "GET", $"/api/v1/statistics?organizationId={t.T2}", null, HttpStatusCode.NotFound),
            new("v11sec", "GET", $"/api/v1/statistics/mem.all/export?organizationId={t.T1}", null, HttpStatusCode.NotFound),
            new("admin", "GET", "/api/v1/statistics/no.such", null, HttpStatusCode.NotFound),
            new("admin", "GET", "/api/v1/statistics?year=1999", null, HttpStatusCode.UnprocessableEntity, "year"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(module)),
    };

    /// <summary>Every module's refusals in one host per database (a refusal changes nothing, so the modules do not disturb each other).</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Refusals_FollowTheConvention_InEveryModule(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in new[] { "admin", "t1admin", "t2admin", "v11sec" })
        {
            clients[user] = await app.SignInAsync(user);
        }
        var created = await clients["admin"].PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "记录不全", responsibleOrganizationId = tree.V11, deadline = "2026-12-31" });
        var item = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var drafted = await clients["admin"].PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = tree.V11, year = 2027, title = "2027年度党组织承诺", items = new[] { new { target = "新建党员活动室", category = "阵地建设", deadline = "2027-06-30" } },
        });
        var commitment = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var opened = await clients["admin"].PostAsJsonAsync("/api/v1/awards", new { year = 2026, name = "先进党支部", subject = "Organization", quota = 3, rules = "None" });
        var award = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var failures = new List<string>();
        var asked = 0;
        foreach (var module in Modules)
        {
            foreach (var ask in Asks(module, tree, item, commitment, award))
            {
                asked++;
                var client = ask.User is null ? app.CreateClient() : clients[ask.User];
                using var request = new HttpRequestMessage(new HttpMethod(ask.Method), ask.Url);
                if (ask.Json is not null)
                {
                    request.Content = new StringContent(ask.Json, Encoding.UTF8, "application/json");
                }
                var response = await client.SendAsync(request);
                var what = $"{module}: {ask.User ?? "anonymous"} {ask.Method} {ask.Url}";
                if (ask.Status != response.StatusCode)
                {
                    failures.Add($"{what}: expected {(int)ask.Status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{what}: answered {response.Content.Headers.ContentType?.MediaType}, not problem details");
                    continue;
                }
                if (ask.Status == HttpStatusCode.UnprocessableEntity)
                {
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()))
                    {
                        failures.Add($"{what}: a 422 without a detail");
                    }
                    if (ask.Field is not null && (!problem.GetProperty("errors").TryGetProperty(ask.Field, out var field) || string.IsNullOrWhiteSpace(field[0].GetString())))
                    {
                        failures.Add($"{what}: no error named “{ask.Field}”");
                    }
                }
            }
        }

        Assert.True(asked > 100, $"{asked} asks");
        Assert.True(failures.Count == 0, $"{failures.Count} of {asked} refusals off the convention:\n" + string.Join("\n", failures));
    }
}
