using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Organizations;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Petitions;
using Pingyi.Web.Modules.Requests;

namespace Pingyi.Bench;

/// <summary>
/// Issue 15's benchmark: a county year of 100,000 petitions and requests (half each), then at a fixed offered rate (open loop)
/// the petition statistics (API and page), the Open311 requests feed (the standard's default: the last 90 days, at most 1,000)
/// and one request by id, beside the host's constant endpoint.
/// </summary>
internal static class PetitionBench
{
    private static string Provider => Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite";

    public static async Task RunAsync(string dataDirectory, int rate, int seconds, int total)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        long someRequest;
        int year;
        using (var scope = host.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<Scope>().UseWholeTree();
            await sp.GetRequiredService<Pingyi.Web.Modules.Demo.DemoCounty>().GenerateAsync(new(1, 5_000));
            await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var db = sp.GetRequiredService<PingyiDbContext>();
            var pii = sp.GetRequiredService<PiiProtector>();
            var units = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee || o.Category == OrganizationCategory.GovernmentUnit).Select(o => o.Id).ToListAsync();
            var villages = await db.Organizations.Where(o => o.Category == OrganizationCategory.Village).Select(o => new { o.Id, Township = o.ParentId!.Value }).ToListAsync();
            var random = new Random(15);
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now.AddHours(8));
            year = today.Year;
            var start = new DateOnly(year, 1, 1);
            var span = Math.Max(1, today.DayNumber - start.DayNumber);
            var name = pii.Encrypt("王五");
            var address = pii.Encrypt("东村");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var done = 0; done < total / 2; done += 5_000)
            {
                var batch = new List<Petition>();
                for (var i = 0; i < 5_000; i++)
                {
                    var received = start.AddDays(random.Next(span));
                    var state = random.Next(10);
                    var p = new Petition
                    {
                        TrackingHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Kind = (PetitionKind)random.Next(3), Channel = PetitionChannel.Visit,
                        Request = "请求修复村道", Facts = "村道被冲毁", PetitionerName = name, Address = address, IntakeOrganizationId = units[random.Next(units.Count)],
                        FirstReceivedOn = received, ReceivedOn = received, RoutingDue = received.AddDays(15), CreatedBy = "bench", CreatedAt = now,
                    };
                    p.HandlingOrganizationId = p.IntakeOrganizationId;
                    p.Number = $"XF{year}{done + i:D6}";
                    if (p.Kind == PetitionKind.Accusation)
                    {
                        p.AccusedOrganizationId = p.IntakeOrganizationId;
                        p.AccusedName = "某某";
                    }
                    if (state >= 1)
                    {
                        p.Status = PetitionStatus.Accepted;
                        p.AcceptedOn = received.AddDays(3);
                        p.HandlingDue = received.AddDays(63);
                    }
                    if (state >= 3)
                    {
                        p.Status = PetitionStatus.Answered;
                        p.Opinion = (PetitionOpinion)random.Next(3);
                        p.RepliedOn = received.AddDays(random.Next(5, 60));
                        p.Rating = (PetitionRating)random.Next(3);
                        p.EndedOn(p.RepliedOn.Value);
                    }
                    batch.Add(p);
                }
                db.Petitions.AddRange(batch);
                await db.SaveChangesAsync();
                foreach (var p in batch)
                {
                    db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, Kind = "file", On = p.ReceivedOn, Text = "已登记", UserName = "bench", At = now });
                }
                foreach (var p in batch.Where((_, i) => i % 3 == 0))
                {
                    db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, Kind = "transfer", On = p.ReceivedOn, Text = "已转送", UserName = "bench", At = now });
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            var services = sp.GetRequiredService<RequestServices>().All;
            for (var done = 0; done < total / 2; done += 5_000)
            {
                var batch = new List<ServiceRequest>();
                for (var i = 0; i < 5_000; i++)
                {
                    var village = villages[random.Next(villages.Count)];
                    var at = now.AddMinutes(-random.Next(0, 365 * 24 * 60));
                    batch.Add(new ServiceRequest
                    {
                        ServiceCode = services[random.Next(services.Count)].Code, Description = "自来水管破裂停水", Address = "东村3组", Attributes = $"{{\"township\":\"{village.Township}\"}}",
                        Source = RequestSource.GridGroup, OrganizationId = village.Id, Status = random.Next(10) == 0 ? RequestStatus.Open : RequestStatus.Closed, StatusNotes = "已修复",
                        RequestedAt = at, UpdatedAt = at, ExpectedAt = at.AddDays(7), Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), CreatedBy = "bench",
                    });
                }
                db.ServiceRequests.AddRange(batch);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            someRequest = await db.ServiceRequests.OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
            Console.WriteLine($"{Provider}: {await db.Petitions.CountAsync()} petitions and {await db.ServiceRequests.CountAsync()} requests loaded in {watch.Elapsed.TotalSeconds:F0} s");
        }
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password })).EnsureSuccessStatusCode();
        // The figures are counted once and kept until a case changes: the first answer is the count itself.
        for (var round = 0; round < 3; round++)
        {
            var cold = System.Diagnostics.Stopwatch.StartNew();
            (await client.GetAsync($"/api/v1/petitions/statistics?year={year - round}")).EnsureSuccessStatusCode();
            Console.WriteLine($"RESULT {Provider} statistics counted (not kept), year {year - round}: {cold.Elapsed.TotalMilliseconds:F0} ms");
        }
        foreach (var (name, url) in new[]
        {
            ("trivial endpoint (floor)", "/bench/trivial"),
            ("petition statistics API (county, the year; kept figures)", $"/api/v1/petitions/statistics?year={year}"),
            ("petitions page (figures, per-unit table, first page)", "/Petitions"),
            ("Open311 requests.json (default: 90 days, ≤ 1,000)", "/open311/v2/requests.json"),
            ("Open311 requests.xml?status=open&service_code=WATER", "/open311/v2/requests.xml?status=open&service_code=WATER"),
            ("Open311 requests/{id}.json", $"/open311/v2/requests/{someRequest}.json"),
        })
        {
            await GradingBench.OpenLoopAsync(client, name, url, rate, seconds);
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores; in-process server; {rate} requests/s offered for {seconds} s each after 2 s of warm-up)");
    }
}
