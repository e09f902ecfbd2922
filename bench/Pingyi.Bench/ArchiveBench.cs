using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Archives;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Archives;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;

namespace Pingyi.Bench;

/// <summary>
/// Performance archives (issue 13). <c>engine</c>: a province-size year — 100,000 village secretaries in 1,000 townships,
/// four quarters, each quarter one meeting per township with three groups of 20 ballots per secretary (24 million ballots)
/// — scored by the engine meeting by meeting, the year made of the quarters and the province ranked, in one run, beside
/// the time to read the same ballots from memory. <c>db</c>: the archive of that year in the database (400,000 quarter
/// scores), ranked by the platform's own query (<see cref="ArchiveQueries.RankingAsync"/>: read, year totals with their
/// explanations, positions per township and province) beside the read of the same rows alone.
/// PINGYI_BENCH_PG: an empty PostgreSQL database instead of SQLite.
/// </summary>
internal static class ArchiveBench
{
    private static string Provider => Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite";

    public static void Engine(int cadres, int rounds)
    {
        const int townshipSize = 100;
        const int perGroup = 20;
        var townships = cadres / townshipSize;
        var rules = SchemeTemplates.VillageSecretaryQuarter.Rules with
        {
            Groups = [new("examination", "乡镇党委实绩考核", 50, BallotParts.Grade, 1), new("leaders", "乡镇领导干部测评", 25), new("villagers", "本村群众测评", 25)],
            Indicators = [],
        };
        var random = new Random(13);
        var standing = Enumerable.Range(0, cadres).Select(_ => random.NextDouble()).ToArray();
        // ballots[quarter][township]: one meeting's ballots, 100 reporters × 3 groups × 20.
        var ballots = new CastBallot[4][][];
        for (var q = 0; q < 4; q++)
        {
            ballots[q] = new CastBallot[townships][];
            for (var t = 0; t < townships; t++)
            {
                var meeting = new CastBallot[townshipSize * 3 * perGroup];
                var n = 0;
                for (var r = 0; r < townshipSize; r++)
                {
                    var s = standing[t * townshipSize + r];
                    for (var g = 0; g < 3; g++)
                    {
                        for (var i = 0; i < perGroup; i++)
                        {
                            var grade = (s + random.NextDouble() * 0.4) switch { > 1.05 => Grade.Good, > 0.7 => Grade.FairlyGood, > 0.3 => Grade.Average, _ => Grade.Poor };
                            meeting[n++] = new CastBallot(r, g, grade, null);
                        }
                    }
                }
                random.Shuffle(meeting);
                ballots[q][t] = meeting;
            }
        }
        Console.WriteLine($"{cadres:N0} secretaries in {townships:N0} townships, 4 quarters, {4L * cadres * 3 * perGroup:N0} ballots in memory");

        var read = new List<double>();
        var ranked = new List<double>();
        long checksum = 0;
        for (var round = 0; round < rounds + 2; round++)
        {
            var watch = Stopwatch.StartNew();
            long sum = 0;
            foreach (var quarter in ballots)
            {
                foreach (var meeting in quarter)
                {
                    foreach (ref readonly var b in meeting.AsSpan())
                    {
                        sum += b.Reporter + (int)b.Grade!.Value;
                    }
                }
            }
            read.Add(watch.Elapsed.TotalMilliseconds);
            checksum += sum;

            watch.Restart();
            var quarters = new decimal?[4][];
            for (var q = 0; q < 4; q++)
            {
                quarters[q] = new decimal?[cadres];
                for (var t = 0; t < townships; t++)
                {
                    var results = Scoring.Evaluate(rules, townshipSize, ballots[q][t]);
                    for (var r = 0; r < townshipSize; r++)
                    {
                        quarters[q][t * townshipSize + r] = results[r].Composite is { } c ? decimal.Round(c, 2, MidpointRounding.AwayFromZero) : null;
                    }
                }
            }
            var totals = new decimal?[cadres];
            var yearRules = new ArchiveRules();
            for (var c = 0; c < cadres; c++)
            {
                var held = new List<QuarterScore>(4);
                for (var q = 0; q < 4; q++)
                {
                    if (quarters[q][c] is { } score)
                    {
                        held.Add(new QuarterScore(q + 1, score, 1, SchemeTemplates.VillageSecretaryQuarter.Name));
                    }
                }
                totals[c] = ArchiveYear.Total(yearRules, held).Total;
            }
            var order = Ranking.Order(totals);
            var positions = Ranking.Positions(totals, order);
            ranked.Add(watch.Elapsed.TotalMilliseconds);
            checksum += positions[^1];
        }
        // The first two rounds pay JIT compilation and tiering.
        var r0 = read.Skip(2).Order().ToArray();
        var e0 = ranked.Skip(2).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT read the year's ballots alone (memory): median {r0[r0.Length / 2]:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT score 4,000 township meetings, make {cadres:N0} years and rank them: min {e0[0]:F0} ms, median {e0[e0.Length / 2]:F0} ms — {e0[e0.Length / 2] / r0[r0.Length / 2]:F1}× the read (checksum {checksum})"));
        Console.WriteLine($"({Environment.ProcessorCount} cores; {rounds} rounds after two warm-ups)");
    }

    public static async Task DatabaseAsync(string dataDirectory, int cadres, int rounds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        const int year = 2025;
        var watch = Stopwatch.StartNew();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            if (!await db.ArchiveScores.AnyAsync())
            {
                await LoadAsync(db, scope.ServiceProvider.GetRequiredService<PiiProtector>(), cadres, year);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync("ANALYZE");
                }
                Console.WriteLine($"{Provider}: {cadres:N0} secretaries, {await db.ArchiveScores.CountAsync():N0} quarter scores loaded in {watch.Elapsed.TotalSeconds:F0} s");
            }
        }
        var read = new List<double>();
        var ranked = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            using var scope = host.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            // The ranking is read as the organization department reads it.
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext
            {
                User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Pingyi.Web.Modules.Accounts.Roles.OrganizationDepartment)], "bench")),
            };
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var queries = scope.ServiceProvider.GetRequiredService<ArchiveQueries>();
            var t = Stopwatch.GetTimestamp();
            // The inputs of the year, as the ranking reads them: each score with its cadre, quarter and version, in cadre order.
            var rows = await db.ArchiveScores.Where(s => s.Kind == ArchiveKind.VillageSecretary && s.Year == year)
                .OrderBy(s => s.HostOrganizationId).ThenBy(s => s.OrganizationId).ThenBy(s => s.PersonId).ThenBy(s => s.Quarter)
                .Select(s => new { s.OrganizationId, s.PersonId, s.Name, Organization = s.Organization!.Name, s.HostOrganizationId, s.Quarter, s.Score, s.SchemeId })
                .ToListAsync();
            var readMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var ranking = await queries.RankingAsync(ArchiveKind.VillageSecretary, year, null, null, default);
            var rankMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (ranking.Lines.Count != cadres || rows.Count != cadres * 4)
            {
                throw new InvalidOperationException($"ranked {ranking.Lines.Count:N0} of {cadres:N0}, read {rows.Count:N0}");
            }
            if (round > 0)
            {
                read.Add(readMs);
                ranked.Add(rankMs);
            }
        }
        read.Sort();
        ranked.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Provider} read the year's {cadres * 4:N0} quarter scores alone: min {read[0]:F0} ms, median {read[read.Count / 2]:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Provider} rank the year (ArchiveQueries.RankingAsync: read, totals, positions): min {ranked[0]:F0} ms, median {ranked[ranked.Count / 2]:F0} ms — {ranked[ranked.Count / 2] / read[read.Count / 2]:F2}× the read"));
        Console.WriteLine($"({Environment.ProcessorCount} cores; {rounds} rounds after one warm-up)");
    }

    /// <summary>
    /// The demo county with five years of its first township's quarters: the ranking, the 点将台 and the archive page of a
    /// secretary with five years of records, at a fixed offered rate (open loop), beside the trivial endpoint of the same host.
    /// </summary>
    public static async Task PagesAsync(string dataDirectory, int rate, int seconds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        var (cadre, township, year) = await DemoArchiveAsync(host, 4);
        var county = await SignInAsync(host);
        foreach (var (name, url) in new[]
        {
            ("trivial endpoint (floor)", "/bench/trivial"),
            ("a cadre's archive page (five years)", $"/Archives/Cadre/{cadre}"),
            ("the ranking, county, the year", $"/Archives?year={year}"),
            ("the ranking, one township, the year", $"/Archives?year={year}&host={township}"),
            ("the 点将台, the year", $"/Archives/Picking?year={year}"),
        })
        {
            await GradingBench.OpenLoopAsync(county, name, url, rate, seconds);
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores; in-process server; {rate} requests/s offered for {seconds} s each after 2 s of warm-up)");
    }

    /// <summary>
    /// The cadre profile (干部大数据库, issue 14) of a cadre with ten years of records — ten years of quarters, and each year two
    /// accountability decisions, three notes, a "三五" plan with five talks and a judgement of them — beside their archive page and
    /// the trivial endpoint of the same host, at a fixed offered rate (open loop).
    /// </summary>
    public static async Task ProfilePagesAsync(string dataDirectory, int rate, int seconds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        var (cadre, _, _) = await DemoArchiveAsync(host, 9);
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var person = await db.People.Where(p => p.Id == cadre).Select(p => new { p.Id, OrganizationId = p.OrganizationId!.Value }).SingleAsync();
            var county = await db.Organizations.Where(o => o.ParentId == null).Select(o => o.Id).FirstAsync();
            var now = DateTime.UtcNow;
            var last = DateOnly.FromDateTime(now).Year;
            for (var y = last - 9; y <= last; y++)
            {
                for (var i = 0; i < 2; i++)
                {
                    db.AccountabilityRecords.Add(new Pingyi.Web.Modules.Accountability.AccountabilityRecord
                    {
                        PersonId = person.Id, OrganizationId = person.OrganizationId, ListVersion = 0, SituationNumber = 2 + i, Situation = Pingyi.Core.Accountability.AccountabilityCatalog.DefaultSituations[1 + i],
                        MeasureNumber = 3, Measure = "通报批评", Document = $"县纪委〔{y}〕{i + 1}号", Facts = "工作推进不力", DecidedOn = new DateOnly(y, 3 + i, 10),
                        EffectUntil = new DateOnly(y, 9 + i, 10), UserName = "admin", CreatedAt = now,
                    });
                }
                foreach (var kind in new[] { Pingyi.Web.Modules.Accountability.CadreNoteKind.ReminderTalk, Pingyi.Web.Modules.Accountability.CadreNoteKind.ReminderTalk, Pingyi.Web.Modules.Accountability.CadreNoteKind.Clarification })
                {
                    db.CadreNotes.Add(new Pingyi.Web.Modules.Accountability.CadreNote { PersonId = person.Id, OrganizationId = person.OrganizationId, Kind = kind, On = new DateOnly(y, 6, 1), Reasons = "季度讲评排名靠后", UserName = "admin", CreatedAt = now });
                }
                var plan = new Pingyi.Web.Modules.Accountability.AnalysisPlan { Title = $"{y}年分析研判方案", Year = y, OrganizationId = county, LettersTarget = 64, InterviewsTarget = 310, InterviewGroupsTarget = 10, VisitsTarget = 98, UserName = "admin", CreatedAt = now };
                db.AnalysisPlans.Add(plan);
                await db.SaveChangesAsync();
                for (var i = 0; i < 5; i++)
                {
                    db.AnalysisRecords.Add(new Pingyi.Web.Modules.Accountability.AnalysisRecord { PlanId = plan.Id, Method = (Pingyi.Web.Modules.Accountability.AnalysisMethod)i, On = new DateOnly(y, 10, 1 + i), Count = 1, PersonId = person.Id, Notes = "谈心谈话记录", UserName = "admin", CreatedAt = now });
                }
                db.CadreJudgements.Add(new Pingyi.Web.Modules.Accountability.CadreJudgement { PlanId = plan.Id, PersonId = person.Id, OrganizationId = person.OrganizationId, Category = Pingyi.Web.Modules.Accountability.JudgementCategory.Second, Decision = Pingyi.Web.Modules.Accountability.CadreDecision.Keep, Reasons = "宜保留", UserName = "admin", CreatedAt = now });
                await db.SaveChangesAsync();
            }
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            Console.WriteLine($"{Provider}: the cadre's records: {await db.AccountabilityRecords.CountAsync(r => r.PersonId == cadre)} decisions, {await db.CadreNotes.CountAsync(r => r.PersonId == cadre)} notes, "
                + $"{await db.AnalysisRecords.CountAsync(r => r.PersonId == cadre)} talks, {await db.CadreJudgements.CountAsync(r => r.PersonId == cadre)} judgements");
        }
        var client = await SignInAsync(host);
        foreach (var (name, url) in new[]
        {
            ("trivial endpoint (floor)", "/bench/trivial"),
            ("the cadre's archive page (ten years)", $"/Archives/Cadre/{cadre}"),
            ("the cadre profile (ten years)", $"/Accountability/Cadre/{cadre}"),
        })
        {
            await GradingBench.OpenLoopAsync(client, name, url, rate, seconds);
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores; in-process server; {rate} requests/s offered for {seconds} s each after 2 s of warm-up)");
    }

    private static async Task<HttpClient> SignInAsync(BenchHost host)
    {
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The demo county with its first township's quarters of this year and <paramref name="earlierYears"/> years before; the cadre with the most years.</summary>
    private static async Task<(long Cadre, long Township, int Year)> DemoArchiveAsync(BenchHost host, int earlierYears)
    {
        long cadre;
        long township;
        int year;
        using (var scope = host.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<Scope>().UseWholeTree();
            await sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoCounty>().GenerateAsync(new(1, 20_000));
            await sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoLedger>().GenerateAsync(800);
            await sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoCommitments>().GenerateAsync();
            await sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoGrading>().GenerateAsync();
            await sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoAwards>().GenerateAsync();
            var archives = sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoArchives>();
            await archives.GenerateAsync();
            await archives.EarlierYearsAsync(earlierYears);
            await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, withDemoAccounts: true);
            var db = sp.GetRequiredService<PingyiDbContext>();
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            year = await db.ArchiveScores.MaxAsync(x => x.Year) - 1;
            var busiest = await db.ArchiveScores.Where(x => x.PersonId != null).GroupBy(x => new { x.PersonId, x.HostOrganizationId })
                .Select(g => new { g.Key.PersonId, g.Key.HostOrganizationId, Years = g.Select(x => x.Year).Distinct().Count(), Quarters = g.Count() })
                .OrderByDescending(g => g.Years).ThenByDescending(g => g.Quarters).FirstAsync();
            (cadre, township) = (busiest.PersonId!.Value, busiest.HostOrganizationId);
            Console.WriteLine($"{Provider}: demo county, {await db.ArchiveScores.CountAsync():N0} quarter scores; the cadre's archive: {busiest.Years} years, {busiest.Quarters} quarters");
        }
        return (cadre, township, year);
    }

    /// <summary>A province committee, 1,000 townships of 100 villages, a secretary each, and their four published quarters.</summary>
    private static async Task LoadAsync(PingyiDbContext db, PiiProtector pii, int cadres, int year)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        var established = new DateOnly(1990, 1, 1);
        Organization Org(string code, string name, OrganizationLevel level, OrganizationCategory category, int order) =>
            new() { Code = code, Name = name, Level = level, Category = category, SortOrder = order, EstablishedOn = established, CreatedAt = now, UpdatedAt = now };
        var root = Org("P", "省委", OrganizationLevel.CountyCommittee, OrganizationCategory.None, 1);
        db.Organizations.Add(root);
        await db.SaveChangesAsync();
        root.Path = $"/{root.Id}/";
        db.Entry(root).Property(o => o.Path).IsModified = true;
        var scheme = new Scheme { Name = SchemeTemplates.VillageSecretaryQuarter.Name, OrganizationId = root.Id, Rules = RulesJson.Write(SchemeTemplates.VillageSecretaryQuarter.Rules), CreatedAt = now };
        db.Schemes.Add(scheme);
        await db.SaveChangesAsync();
        var random = new Random(12);
        var encrypted = pii.Encrypt("110101199001011234");
        for (var t = 0; t < cadres / 100; t++)
        {
            var township = Org($"T{t:0000}", $"第{t + 1}乡镇党委", OrganizationLevel.TownshipCommittee, OrganizationCategory.None, t);
            township.ParentId = root.Id;
            township.Depth = 1;
            db.Organizations.Add(township);
            await db.SaveChangesAsync();
            township.Path = $"{root.Path}{township.Id}/";
            db.Entry(township).Property(o => o.Path).IsModified = true;
            var villages = Enumerable.Range(0, 100).Select(v => Org($"T{t:0000}-{v:000}", $"第{t + 1}乡镇第{v + 1}村党支部", OrganizationLevel.Branch, OrganizationCategory.Village, v)).ToList();
            villages.ForEach(v => { v.ParentId = township.Id; v.Depth = 2; });
            db.Organizations.AddRange(villages);
            await db.SaveChangesAsync();
            var people = villages.Select((v, i) => new Person
            {
                Name = $"书记{t:0000}{i:000}", IdNumberCipher = encrypted, IdNumberHash = $"bench-{t:0000}-{i:000}".PadRight(64, '0'), Gender = Pingyi.Core.People.Gender.Male,
                MemberStatus = Pingyi.Core.People.MemberStatus.Full, OrganizationId = v.Id, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.People.AddRange(people);
            foreach (var v in villages)
            {
                v.Path = $"{township.Path}{v.Id}/";
                db.Entry(v).Property(o => o.Path).IsModified = true;
            }
            await db.SaveChangesAsync();
            var quarters = new List<ArchiveQuarter>();
            for (var q = 1; q <= 4; q++)
            {
                var meeting = new Meeting
                {
                    Title = $"第{t + 1}乡镇党委{year}年{ArchiveYear.QuarterName(q)}村党组织书记“一考双评”", Cycle = $"{year}年{ArchiveYear.QuarterName(q)}", HostOrganizationId = township.Id,
                    SchemeId = scheme.Id, Rules = scheme.Rules, HeldOn = new DateOnly(year, q * 3, 25), Stage = MeetingStage.Assessment, CreatedAt = now, PublishedAt = now,
                };
                db.Meetings.Add(meeting);
                await db.SaveChangesAsync();
                var quarter = new ArchiveQuarter { MeetingId = meeting.Id, HostOrganizationId = township.Id, Kind = ArchiveKind.VillageSecretary, Year = year, Quarter = q, SchemeId = scheme.Id, SchemeName = scheme.Name };
                db.ArchiveQuarters.Add(quarter);
                quarters.Add(quarter);
            }
            await db.SaveChangesAsync();
            foreach (var quarter in quarters)
            {
                for (var i = 0; i < villages.Count; i++)
                {
                    var score = decimal.Round((decimal)(50 + random.NextDouble() * 50), 2);
                    db.ArchiveScores.Add(new ArchiveScore
                    {
                        ArchiveQuarterId = quarter.Id, Kind = ArchiveKind.VillageSecretary, Year = year, Quarter = quarter.Quarter, HostOrganizationId = township.Id,
                        OrganizationId = villages[i].Id, PersonId = people[i].Id, Name = people[i].Name, Score = score, Grade = Grade.FairlyGood, Position = i + 1,
                        SchemeId = scheme.Id, SchemeName = scheme.Name, MeetingId = quarter.MeetingId,
                        Explanation = "乡镇党委实绩考核 85.00（1 票）；乡镇领导干部测评 82.50（20 票）；本村群众测评 80.00（20 票）",
                    });
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
