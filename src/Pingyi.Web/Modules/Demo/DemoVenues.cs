using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Venues;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Venues;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's village venues (seeds 001 and 004): nearly every village and community registered, about one in seven short of
/// the standard — too small, too little operating money, or without a culture centre — a few not yet registered, and about a third of
/// those meeting it brought to standard this year.
/// </summary>
public sealed class DemoVenues(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.Venues.AnyAsync(ct))
        {
            return;
        }
        var villages = await Organizations.VillageOrganizations.Active(db.Organizations)
            .OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var random = new Random(seed + 191);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var venues = new List<Venue>();
        foreach (var village in villages)
        {
            var roll = random.Next(100);
            if (roll < 4)
            {
                continue; // not yet registered
            }
            var venue = new Venue
            {
                OrganizationId = village, Area = 90 + random.Next(0, 260), OperatingFunds = 10_000 + random.Next(0, 11) * 1_000, Centres = VenueCentres.All, UpdatedAt = now,
            };
            switch (roll)
            {
                case < 9: venue.Area = random.Next(40, 90); break;
                case < 14: venue.OperatingFunds = random.Next(3, 10) * 1_000; break;
                case < 18: venue.Centres &= ~VenueCentres.Culture; break;
                default:
                    venue.StandardizedOn = random.Next(3) == 0 ? today.AddDays(-random.Next(0, today.DayOfYear)) : new DateOnly(today.Year - 1 - random.Next(3), 1, 1).AddDays(random.Next(360));
                    break;
            }
            venues.Add(venue);
        }
        await using var work = await db.BeginWorkAsync(ct);
        db.Venues.AddRange(venues);
        await db.SaveChangesAsync(ct);
        audit.Record("venues.register", nameof(Venue), null, "/", new { demo = true, count = venues.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
