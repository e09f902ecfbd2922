using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Organizations;
using Pingyi.Core.Venues;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Venues;

/// <summary>The venue standard and the year's target (configuration <c>Venues</c>): seed 001's 90 m² and 10,000 yuan, seed 004's 100 venues brought to standard in a year.</summary>
public sealed class VenueOptions
{
    public decimal MinArea { get; set; } = 90m;

    public decimal MinFunds { get; set; } = 10_000m;

    public int YearTarget { get; set; } = 100;

    public VenueStandard Standard => new(MinArea, MinFunds);
}

/// <summary>A village's venue registered or changed: area, the year's operating funds, the centres it serves, the day it reached the standard, a note.</summary>
public sealed record SaveVenue(long OrganizationId, decimal? Area, decimal? OperatingFunds, VenueCentres Centres, DateOnly? StandardizedOn, string? Note);

/// <summary>
/// Registers or changes the venue of a village or community in the caller's scope (one per village): figures within reason, a day of
/// standardization only for a venue that meets the standard and not in the future; audited with what changed.
/// </summary>
public sealed class SaveVenueHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, IOptions<VenueOptions> options)
{
    public async Task<Venue> HandleAsync(SaveVenue request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以登记村级活动场所");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var standard = options.Value.Standard;
        var centres = request.Centres & VenueCentres.All;
        new FieldErrors()
            .Check(request.Area is > 0 and <= 100_000, "area", "请填写面积（平方米）")
            .Check(request.OperatingFunds is >= 0 and <= 100_000_000, "operatingFunds", "请填写每年运转经费（元）")
            .Check(request.StandardizedOn is null || request.StandardizedOn <= ChinaTime.Today(clock) && Years.Valid(request.StandardizedOn.Value.Year), "standardizedOn", "标准化建设完成日期不能晚于今天")
            .Check(request.StandardizedOn is null || request.Area is null || request.OperatingFunds is null || standard.Meets(request.Area.Value, request.OperatingFunds.Value, centres),
                "standardizedOn", "未达到标准的场所不能登记标准化建设完成：" + string.Join("；", standard.Shortfalls(request.Area ?? 0, request.OperatingFunds ?? 0, centres)))
            .Check(note is null || note.Length <= Venue.NoteMax, "note", $"备注不超过{Venue.NoteMax}字")
            .ThrowIfAny();
        var village = await scope.OrganizationAsync(request.OrganizationId, ct);
        if (!await Organizations.VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid($"{village.Name}不是村（社区）党组织：活动场所按村（社区）登记", "organizationId");
        }
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.OrganizationId == village.Id, ct);
        var before = venue is null ? null : new { venue.Area, venue.OperatingFunds, centres = Names(venue.Centres), venue.StandardizedOn };
        if (venue is null)
        {
            venue = new Venue { OrganizationId = village.Id };
            db.Venues.Add(venue);
        }
        venue.Area = request.Area!.Value;
        venue.OperatingFunds = request.OperatingFunds!.Value;
        venue.Centres = centres;
        venue.StandardizedOn = request.StandardizedOn;
        venue.Note = note;
        venue.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(before is null ? "venues.register" : "venues.update", nameof(Venue), venue.Id, village.Path,
            new { village = village.Name, area = venue.Area, funds = venue.OperatingFunds, centres = Names(centres), standardizedOn = venue.StandardizedOn, before,
                shortfalls = standard.Shortfalls(venue.Area, venue.OperatingFunds, centres) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return venue;
    }

    public static string Names(VenueCentres centres) => string.Join("、", VenueStandard.CentreNames.Where(c => centres.HasFlag(c.Centre)).Select(c => c.Name));
}
