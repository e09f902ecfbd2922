using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Requests;

/// <summary>
/// Open311 GeoReport v2 against the specification's own examples (golden files in Open311Golden): every resource's answer has the
/// example's elements in its order (XML, with the UTF-8 declaration) and keys in its order (JSON); a client with a key issued
/// by the platform lists services, reads a definition, files a request and follows it to closed with its notes; the standard's
/// errors (403 key, 404 unknown, 400 the rest, each in the error list); the 90-day default window; no requester in any answer.
/// </summary>
public sealed class Open311Tests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static string Golden(string name) => File.ReadAllText(Path.Combine(Repository.Root, "tests", "Pingyi.Web.Tests", "Requests", "Open311Golden", name));

    /// <summary>The element names of the root and of its first item, in document order (nested lists: their first item).</summary>
    private static List<string> Shape(XElement e) =>
        [e.Name.LocalName, .. e.Elements().GroupBy(c => c.Name).Select(g => g.First()).SelectMany(Shape)];

    private static List<string> Shape(JsonNode? node) => node switch
    {
        JsonArray a => a.Count == 0 ? [] : ["[", .. Shape(a[0]), "]"],
        JsonObject o => [.. o.SelectMany(p => p.Value is JsonArray or JsonObject ? [p.Key, .. Shape(p.Value)] : new List<string> { p.Key })],
        _ => [],
    };

    private static async Task<XElement> XmlAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        return XDocument.Parse(body).Root!;
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return JsonNode.Parse(body)!;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AClient_ListsServices_FilesARequest_FollowsItClosed_AsTheSpecificationShows(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/requests/keys", new { name = "市民通 App" })).Content.ReadFromJsonAsync<JsonElement>();
        var key = issued.GetProperty("apiKey").GetString()!;
        var client = app.CreateClient();

        // Discovery, services and a definition: the specification's shapes.
        var discovery = await JsonAsync(await client.GetAsync("/open311/discovery.json"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", discovery["endpoints"]![0]!["specification"]!.GetValue<string>());
        Assert.EndsWith("/open311/v2", discovery["endpoints"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("discovery", (await XmlAsync(await client.GetAsync("/open311/discovery.xml"))).Name.LocalName);
        var services = await XmlAsync(await client.GetAsync("/open311/v2/services.xml"));
        Assert.Equal(Shape(XDocument.Parse(Golden("services.xml")).Root!), Shape(services));
        Assert.Contains(services.Elements("service"), s => (string?)s.Element("service_code") == "WATER" && (string?)s.Element("service_name") == "饮水供水");
        Assert.Equal(Shape(JsonNode.Parse(Golden("services.json"))), Shape(await JsonAsync(await client.GetAsync("/open311/v2/services.json"))));
        var definition = await XmlAsync(await client.GetAsync("/open311/v2/services/WATER.xml"));
        Assert.Equal(Shape(XDocument.Parse(Golden("service_definition.xml")).Root!), Shape(definition));
        var township = definition.Descendants("attribute").Single(a => (string?)a.Element("code") == "township");
        Assert.Equal("true", (string?)township.Element("required"));
        Assert.Equal(t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)township.Descendants("value").First(v => (string?)v.Element("name") == "一号镇").Element("key"));
        Assert.Equal(Shape(JsonNode.Parse(Golden("service_definition.json"))), Shape(await JsonAsync(await client.GetAsync("/open311/v2/services/WATER.json"))));
        Assert.Equal("404", (string?)(await XmlAsync(await client.GetAsync("/open311/v2/services/NOPE.xml"), HttpStatusCode.NotFound)).Element("error")!.Element("code"));

        // Creating: no key, a wrong key, missing facts — each the standard's error list; nothing stored.
        FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        var noKey = await XmlAsync(await client.PostAsync("/open311/v2/requests.xml", Form(("service_code", "WATER"))), HttpStatusCode.Forbidden);
        Assert.Equal(Shape(XDocument.Parse(Golden("errors.xml")).Root!), Shape(noKey));
        var wrongKey = await JsonAsync(await client.PostAsync("/open311/v2/requests.json", Form(("api_key", "o311_wrong"), ("service_code", "WATER"))), HttpStatusCode.Forbidden);
        Assert.Equal(Shape(JsonNode.Parse(Golden("errors.json"))), Shape(wrongKey));
        var missing = await XmlAsync(await client.PostAsync("/open311/v2/requests.xml", Form(("api_key", key), ("service_code", "WATER"))), HttpStatusCode.BadRequest);
        var descriptions = missing.Elements("error").Select(e => (string)e.Element("description")!).ToList();
        Assert.Contains(descriptions, d => d.StartsWith("description:", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("address_string:", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("attribute[township]:", StringComparison.Ordinal));
        Assert.All(missing.Elements("error"), e => Assert.Equal("400", (string?)e.Element("code")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/open311/v2/requests.xml", Form(("api_key", key), ("service_code", "NOPE")))).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.ServiceRequests.CountAsync()));

        var created = await XmlAsync(await client.PostAsync("/open311/v2/requests.xml", Form(("api_key", key), ("service_code", "WATER"), ("lat", "34.7466"), ("long", "113.6254"),
            ("address_string", "一号镇东村3组"), ("description", "自来水管破裂，三天没水"), ("first_name", "五"), ("last_name", "王"), ("phone", "13800001234"),
            ($"attribute[township]", t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("attribute[urgent]", "yes"))));
        Assert.Equal(Shape(XDocument.Parse(Golden("post_request.xml")).Root!), Shape(created));
        var id = (long)created.Element("request")!.Element("service_request_id")!;

        // Querying: the request in the feed and by id, as the examples show; with its token.
        var feed = await XmlAsync(await client.GetAsync("/open311/v2/requests.xml"));
        Assert.Equal(Shape(XDocument.Parse(Golden("requests.xml")).Root!), Shape(feed));
        var mine = feed.Elements("request").Single(r => (long)r.Element("service_request_id")! == id);
        Assert.Equal(("open", "饮水供水", "一号镇党委", "34.7466"), ((string?)mine.Element("status"), (string?)mine.Element("service_name"), (string?)mine.Element("agency_responsible"), (string?)mine.Element("lat")));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", (string)mine.Element("requested_datetime")!);
        var one = await JsonAsync(await client.GetAsync($"/open311/v2/requests/{id}.json"));
        Assert.Equal(Shape(JsonNode.Parse(Golden("requests.json"))), Shape(one));
        Assert.Equal("自来水管破裂，三天没水", one[0]!["description"]!.GetValue<string>());
        var token = await app.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.Token).SingleAsync());
        Assert.Equal(Shape(XDocument.Parse(Golden("token.xml")).Root!), Shape(await XmlAsync(await client.GetAsync($"/open311/v2/tokens/{token}.xml"))));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/open311/v2/tokens/nope.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/open311/v2/requests/999999.xml")).StatusCode);
        foreach (var body in new[] { await (await client.GetAsync("/open311/v2/requests.xml")).Content.ReadAsStringAsync(), await (await client.GetAsync("/open311/v2/requests.json")).Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("13800001234", body, StringComparison.Ordinal);
            Assert.DoesNotContain("王 五", body, StringComparison.Ordinal);
        }

        // The township passes it to the village branch, which closes it with notes: closed with its status_notes in the feed.
        var township1 = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.OK, (await township1.PostAsJsonAsync($"/api/v1/requests/{id}/assign", new { organizationId = t.V11, notes = "请东村支部上门查看" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync($"/api/v1/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township1.PostAsJsonAsync($"/api/v1/requests/{id}/notes", new { notes = "已更换破损水管，当天恢复供水", close = true })).StatusCode);
        var closed = await JsonAsync(await client.GetAsync("/open311/v2/requests.json?status=closed&service_code=WATER"));
        Assert.Equal(("closed", "已更换破损水管，当天恢复供水", "东村党支部"),
            (closed[0]!["status"]!.GetValue<string>(), closed[0]!["status_notes"]!.GetValue<string>(), closed[0]!["agency_responsible"]!.GetValue<string>()));
        Assert.Empty((await JsonAsync(await client.GetAsync("/open311/v2/requests.json?status=open"))).AsArray());

        // The query's refusals; the 90-day default window; a revoked key.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/open311/v2/requests.xml?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/open311/v2/requests.xml?start_date=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/open311/v2/services.csv")).StatusCode);
        await app.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RequestedAt, r => r.RequestedAt.AddDays(-91))));
        Assert.Empty((await JsonAsync(await client.GetAsync("/open311/v2/requests.json"))).AsArray());
        Assert.Single((await JsonAsync(await client.GetAsync($"/open311/v2/requests.json?service_request_id={id}"))).AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/requests/keys/{issued.GetProperty("key").GetProperty("id").GetInt64()}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/open311/v2/requests.xml", Form(("api_key", key), ("service_code", "LIGHT")))).StatusCode);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "ServiceRequest" || a.EntityType == "Open311Key").Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync());
        Assert.Equal(["request.assign", "request.close", "request.file", "request.key", "request.key-revoke"], actions);
    }
}
