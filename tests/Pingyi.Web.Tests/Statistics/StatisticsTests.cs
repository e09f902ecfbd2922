using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Statistics;

/// <summary>
/// The statistics board: worked counts over a known tree (members by age band, gender and years of membership, organizations
/// by kind, the ledger with one item closed and one overdue), every number of every level equal to the count of the list
/// behind it, the drill-down from the county to a township, the Excel export, the scope's refusals, and a new record counted
/// at once.
/// </summary>
public sealed class StatisticsTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static Dictionary<string, JsonElement> Figures(JsonElement board) =>
        board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .ToDictionary(f => f.GetProperty("key").GetString()!);

    private static int Total(JsonElement board, string key) => Figures(board)[key].GetProperty("total").GetInt32();

    private static int[] ByChild(JsonElement board, string key) => [.. Figures(board)[key].GetProperty("byChild").EnumerateArray().Select(v => v.GetInt32())];

    [Theory, MemberData(nameof(Providers))]
    public async Task EveryNumber_IsTheCountOfItsList_AtEveryLevel_WithinScope(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        // 吴六, born 2000, a probationary member since 2025 (26, under five years); 周七, born 1950, a member since 1975 (76, over thirty years).
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/people",
            new { name = "吴六", idNumber = Ids.Valid(60, 2000), organizationId = t.V12, memberStatus = "Probationary", joinedOn = "2025-07-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/people",
            new { name = "周七", idNumber = Ids.Valid(71, 1950), organizationId = t.V21, memberStatus = "Full", joinedOn = "1975-07-01", confirmedOn = "1976-07-01" })).StatusCode);
        async Task<long> Item(long org, string description) =>
            (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description, responsibleOrganizationId = org, deadline = "2026-06-20" }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var done = await Item(t.V11, "三会一课记录不全");
        await Item(t.V21, "党员活动室未挂牌");
        var township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/ledger/{done}/start", new { text = "已制定方案" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/ledger/{done}/submit", new { text = "已补齐" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/ledger/{done}/close-out", new { text = "合格" })).StatusCode);
        // Trained this year: 赵一 at two of the year's courses (counted once) and 李四 at one; 孙三 only at last year's.
        await app.QueryAsync(async db =>
        {
            Pingyi.Web.Modules.Training.TrainingCourse Course(string title, DateOnly on) =>
                new() { Title = title, OrganizationId = t.County, StartOn = on, EndOn = on.AddDays(2), Hours = 24, CreatedAt = DateTime.UtcNow };
            var (spring, autumn, past) = (Course("春季轮训班", new(2026, 3, 1)), Course("党纪学习班", new(2026, 5, 10)), Course("上年轮训班", new(2025, 11, 1)));
            db.TrainingCourses.AddRange(spring, autumn, past);
            await db.SaveChangesAsync();
            var people = await db.People.Where(p => p.Name == "赵一" || p.Name == "李四" || p.Name == "孙三").ToDictionaryAsync(p => p.Name, p => p.Id);
            foreach (var (course, name) in new[] { (spring, "赵一"), (autumn, "赵一"), (autumn, "李四"), (past, "孙三") })
            {
                db.TrainingAttendances.Add(new Pingyi.Web.Modules.Training.TrainingAttendance { CourseId = course.Id, PersonId = people[name], Hours = 24 });
            }
            return await db.SaveChangesAsync();
        });
        clock.Advance(TimeSpan.FromDays(16)); // 1 July: the open item is past its deadline
        admin = await app.SignInAsync("admin");

        var board = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics?year=2026");
        Assert.Equal(t.County, board.GetProperty("root").GetProperty("id").GetInt64());
        Assert.Equal(["一号镇党委", "二号乡党委"], board.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(6, Total(board, "mem.all"));
        Assert.Equal([4, 2], ByChild(board, "mem.all"));
        Assert.Equal((1, 3), (Total(board, "mem.probationary"), Total(board, "mem.women"))); // 钱二, 李四, 吴六
        Assert.Equal((1, 0, 4, 1), (Total(board, "mem.age35"), Total(board, "mem.age36"), Total(board, "mem.age46"), Total(board, "mem.age61")));
        Assert.Equal((1, 1), (Total(board, "mem.years5"), Total(board, "mem.years30")));
        Assert.Equal(2, Total(board, "train.trained"));
        Assert.Equal([1, 1], ByChild(board, "train.trained"));
        Assert.Equal((7, 3, 2, 2), (Total(board, "org.all"), Total(board, "org.village"), Total(board, "org.newkinds"), Total(board, "org.committees")));
        Assert.Equal((2, 1, 1), (Total(board, "ledger.all"), Total(board, "ledger.closed"), Total(board, "ledger.overdue")));
        Assert.Equal([0, 1], ByChild(board, "ledger.overdue"));
        var shares = board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("ratios").EnumerateArray()).ToDictionary(r => r.GetProperty("label").GetString()!);
        Assert.Equal(0.5m, shares["女党员占比"].GetProperty("total").GetDecimal());
        Assert.Equal(0.5m, shares["销号率"].GetProperty("total").GetDecimal());
        Assert.Equal((0.4m, JsonValueKind.Null), (shares["先进占比"].GetProperty("target").GetDecimal(), shares["先进占比"].GetProperty("total").ValueKind)); // nothing graded yet

        // Every number — the total and each township's — opens a list of exactly that many records.
        var children = board.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToArray();
        var checkedLists = 0;
        foreach (var (key, figure) in Figures(board))
        {
            var numbers = new[] { (t.County, figure.GetProperty("total").GetInt32()) }
                .Concat(children.Zip(figure.GetProperty("byChild").EnumerateArray().Select(v => v.GetInt32())));
            foreach (var (org, number) in numbers)
            {
                var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/{key}?organizationId={org}&year=2026&pageSize=200");
                Assert.True(number == list.GetProperty("rows").GetProperty("total").GetInt32(), $"{key} of {org}: {number} on the board");
                Assert.Equal(number, list.GetProperty("rows").GetProperty("items").GetArrayLength());
                checkedLists++;
            }
        }
        Assert.True(checkedLists >= 90, $"{checkedLists} lists");
        var women = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/mem.women?organizationId={t.T1}");
        Assert.Equal(["吴六", "钱二"], women.GetProperty("rows").GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).Order().ToArray());
        Assert.StartsWith("/People/Details/", women.GetProperty("rows").GetProperty("items")[0].GetProperty("link").GetString());

        // Down one level: 一号镇 with its branches and general branch as columns, the county on the way back up.
        var township1 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?organizationId={t.T1}&year=2026");
        Assert.Equal(["东村党支部", "西村党支部", "一号镇企业党总支"], township1.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([3, 1, 0], ByChild(township1, "mem.all"));
        Assert.Equal([0, 0, 2], ByChild(township1, "org.newkinds"));
        Assert.Equal(["测试县委"], township1.GetProperty("trail").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToArray());

        // The export holds the same rows under a title and a header.
        var bytes = await admin.GetByteArrayAsync("/api/v1/statistics/mem.all/export?year=2026");
        Assert.Contains("党员", Workbooks.PrintSetup(bytes).Title);
        var workbook = Workbooks.Read(bytes);
        Assert.Equal(["序号", "组织", "名称", "说明", "入党日期"], workbook[0]);
        Assert.Equal(6, workbook.Count - 1);

        // A township's account sees its own subtree and nothing beside it; a stranger nothing at all.
        var t1 = await app.SignInAsync("t1admin");
        var own = await t1.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
        Assert.Equal((t.T1, 4), (own.GetProperty("root").GetProperty("id").GetInt64(), Total(own, "mem.all")));
        Assert.Empty(own.GetProperty("trail").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await t1.GetAsync($"/api/v1/statistics?organizationId={t.T2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t1.GetAsync($"/api/v1/statistics/mem.all?organizationId={t.T2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t1.GetAsync($"/api/v1/statistics/mem.all/export?organizationId={t.County}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/statistics/no.such")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.GetAsync("/api/v1/statistics?year=1999")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.GetAsync("/api/v1/statistics?year=2027")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/statistics")).StatusCode);

        // A new member counts at once (the board is kept only until the audit trail moves).
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/people",
            new { name = "郑八", idNumber = Ids.Valid(80, 1985), organizationId = t.V21, memberStatus = "Full", joinedOn = "2015-07-01", confirmedOn = "2016-07-01" })).StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics?year=2026");
        Assert.Equal((7, 1), (Total(after, "mem.all"), Total(after, "mem.age36")));
        Assert.Equal([4, 3], ByChild(after, "mem.all"));
    }

    /// <summary>
    /// A deployment for more than one county: a provincial committee (省委) at the root with two counties below it. The
    /// province's organization department sees its counties as the columns, each total the sum of the counties' own boards and
    /// the count of its list; a county's clerk sees only the county, never the province or the other county.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task AProvince_SeesItsCountiesAsColumns_AndACountyOnlyItself(string provider)
    {
        // Snapshots counted again as soon as the records move (in production at most once a minute).
        await using var app = await TestApp.CreateAsync(provider, settings: new Dictionary<string, string> { ["Statistics:SnapshotMinimumAgeSeconds"] = "0" });
        var (province, counties) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PingyiDbContext>();
            var create = sp.GetRequiredService<CreateOrganizationHandler>();
            var root = await TestApp.AddRootAsync(db, "P", "中共测试省委员会", OrganizationLevel.ProvincialCommittee, new DateOnly(1949, 10, 1));
            async Task<long> Create(string code, string name, OrganizationLevel level, OrganizationCategory category, long parent) =>
                (await create.HandleAsync(new CreateOrganization(code, name, level, category, parent, new DateOnly(2000, 1, 1)))).Id;
            // The tiers hold: a township straight under the province is refused.
            var refused = await Assert.ThrowsAsync<RuleViolation>(() => Create("X", "直属乡党委", OrganizationLevel.TownshipCommittee, OrganizationCategory.None, root.Id));
            Assert.Contains(refused.Errors, e => e.Field == "level" && e.Message == "省委下不能设立乡镇党委");
            var list = new List<(long County, long Village)>();
            foreach (var (code, name) in new[] { ("C1", "甲县委"), ("C2", "乙县委") })
            {
                var county = await Create(code, name, OrganizationLevel.CountyCommittee, OrganizationCategory.None, root.Id);
                var township = await Create(code + "T", name[..1] + "县城关镇党委", OrganizationLevel.TownshipCommittee, OrganizationCategory.None, county);
                list.Add((county, await Create(code + "V", name[..1] + "县东村党支部", OrganizationLevel.Branch, OrganizationCategory.Village, township)));
            }
            return (root.Id, list);
        });
        await app.CreateUserAsync("sheng", "P", Roles.OrganizationDepartment);
        await app.CreateUserAsync("xian1", "C1", Roles.OrganizationDepartment);
        var sheng = await app.SignInAsync("sheng");
        var n = 0;
        foreach (var (_, village, members) in counties.Zip([3, 2], (c, m) => (c.County, c.Village, m)))
        {
            for (var i = 0; i < members; i++, n++)
            {
                var added = await sheng.PostAsJsonAsync("/api/v1/people",
                    new { name = $"党员{n}", idNumber = Ids.Valid(n + 1, 1950 + n * 10), organizationId = village, memberStatus = "Full", joinedOn = "2010-07-01", confirmedOn = "2011-07-01" });
                Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
            }
        }

        var board = await sheng.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
        Assert.Equal(province, board.GetProperty("root").GetProperty("id").GetInt64());
        Assert.Equal(["甲县委", "乙县委"], board.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(5, Total(board, "mem.all"));
        Assert.Equal([3, 2], ByChild(board, "mem.all"));
        // Born 1950, 1960, 1970, 1980, 1990: the four bands add up to the members; committees above the county are not counted as organizations.
        Assert.Equal(5, new[] { "mem.age35", "mem.age36", "mem.age46", "mem.age61" }.Sum(k => Total(board, k)));
        Assert.Equal([2, 2], ByChild(board, "org.all"));
        var list = await sheng.GetFromJsonAsync<JsonElement>("/api/v1/statistics/mem.all?pageSize=200");
        Assert.Equal(5, list.GetProperty("rows").GetProperty("total").GetInt32());
        var county1 = await sheng.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?organizationId={counties[0].County}");
        Assert.Equal(3, Total(county1, "mem.all"));
        Assert.Equal(["中共测试省委员会"], county1.GetProperty("trail").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());

        Assert.Equal(JsonValueKind.String, board.GetProperty("countedAt").ValueKind); // a snapshot, with its time
        Assert.Equal(JsonValueKind.Null, county1.GetProperty("countedAt").ValueKind); // counted from the records as they are

        // A member added in the second county: its board counts them at once; the province's snapshot shows its last count
        // until the count started in the background by the next view has finished.
        Assert.Equal(HttpStatusCode.Created, (await sheng.PostAsJsonAsync("/api/v1/people",
            new { name = "党员新", idNumber = Ids.Valid(9, 1975), organizationId = counties[1].Village, memberStatus = "Full", joinedOn = "2010-07-01", confirmedOn = "2011-07-01" })).StatusCode);
        var county2 = await sheng.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?organizationId={counties[1].County}");
        Assert.Equal(3, Total(county2, "mem.all"));
        var recounted = board;
        await Eventually.UntilAsync(async () => Total(recounted = await sheng.GetFromJsonAsync<JsonElement>("/api/v1/statistics"), "mem.all") == 6,
            "the province's board recounted", TimeSpan.FromSeconds(60), () => recounted.ToString());
        Assert.Equal([3, 3], ByChild(recounted, "mem.all"));
        Assert.True(recounted.GetProperty("countedAt").GetDateTime() >= board.GetProperty("countedAt").GetDateTime());
        Assert.Contains("统计的快照", await sheng.GetStringAsync("/Statistics"));

        var xian1 = await app.SignInAsync("xian1");
        var own = await xian1.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
        Assert.Equal((counties[0].County, 3), (own.GetProperty("root").GetProperty("id").GetInt64(), Total(own, "mem.all")));
        Assert.Equal(HttpStatusCode.NotFound, (await xian1.GetAsync($"/api/v1/statistics?organizationId={province}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xian1.GetAsync($"/api/v1/statistics?organizationId={counties[1].County}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xian1.GetAsync($"/api/v1/statistics/mem.all?organizationId={counties[1].County}")).StatusCode);

        // A county's board is kept while only other counties change (a province's audit trail moves every few seconds). A member
        // made a non-member straight in the database (no audit entry: nothing tells the board) stays counted after a change in
        // the second county, and is no longer counted once a change in the first county (here a transfer out of it, which also
        // moves the second county's board) has the board counted again.
        var firstCounty = await app.QueryAsync(db => db.People.Where(p => p.OrganizationId == counties[0].Village).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(1, await app.QueryAsync(db => db.People.Where(p => p.Id == firstCounty[0]).ExecuteUpdateAsync(u => u.SetProperty(p => p.MemberStatus, MemberStatus.None))));
        Assert.Equal(HttpStatusCode.Created, (await sheng.PostAsJsonAsync("/api/v1/people",
            new { name = "党员乙县", idNumber = Ids.Valid(10, 1976), organizationId = counties[1].Village, memberStatus = "Full", joinedOn = "2010-07-01", confirmedOn = "2011-07-01" })).StatusCode);
        Assert.Equal(3, Total(await xian1.GetFromJsonAsync<JsonElement>("/api/v1/statistics"), "mem.all"));
        Assert.Equal(HttpStatusCode.OK, (await sheng.PostAsJsonAsync($"/api/v1/people/{firstCounty[1]}/transfer", new { organizationId = counties[1].Village, reason = "工作调动" })).StatusCode);
        Assert.Equal(1, Total(await xian1.GetFromJsonAsync<JsonElement>("/api/v1/statistics"), "mem.all"));
        Assert.Equal(5, Total(await sheng.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?organizationId={counties[1].County}"), "mem.all"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ThePages_DrillDown_AndOpenTheListBehindANumber(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var page = await admin.GetStringAsync("/Statistics");
        Assert.Contains($"href=\"/Statistics?org={t.T1}&amp;year=", page);
        Assert.Contains("/Statistics/List?key=mem.all&amp;org=", page);
        Assert.DoesNotContain("即将上线", page);
        var list = await admin.GetStringAsync($"/Statistics/List?key=mem.all&org={t.T2}");
        Assert.Contains("李四", list);
        Assert.DoesNotContain("赵一", list);
        Assert.Contains($"/api/v1/statistics/mem.all/export?organizationId={t.T2}", list);
        var missing = await admin.GetAsync("/Statistics/List?key=no.such");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("error-page", await missing.Content.ReadAsStringAsync());
        var screen = await admin.GetStringAsync($"/Statistics/Screen?org={t.T1}");
        Assert.Contains("data-charts", screen);
        var map = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/statistics/map?organizationId={t.County}")).RootElement;
        Assert.Equal(["一号镇党委", "二号乡党委"], map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()!).ToArray());
        var refused = await (await app.SignInAsync("t2admin")).GetAsync($"/Statistics?org={t.T1}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // The public subset: the county's numbers for anyone, no list behind them, no name.
        var anonymous = app.CreateClient();
        var published = await anonymous.GetAsync("/Public/Statistics");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var body = await published.Content.ReadAsStringAsync();
        Assert.Contains("测试县委", body);
        Assert.Contains("data-figure=\"mem.all\">4<", body);
        Assert.DoesNotContain("/Statistics/List", body);
        Assert.DoesNotContain("赵一", body);
        Assert.DoesNotContain("/People/Details", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await anonymous.GetAsync("/Public/Statistics?year=1999")).StatusCode);
    }
}
