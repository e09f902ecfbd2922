using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Petitions;

namespace Pingyi.Web.Modules.Requests;

/// <summary>One row of the centre: what is open, by kind (a petition's kind or a request's service) and unit, in age bands.</summary>
public sealed record CentreRow(string What, string Kind, string Unit, int UpToWeek, int UpToMonth, int UpToTwoMonths, int Older, int Overdue)
{
    public int Total => UpToWeek + UpToMonth + UpToTwoMonths + Older;
}

/// <summary>
/// 群众诉求处置中心 (seed 000): every open petition and request of the caller's scope by age (≤ 7, ≤ 30, ≤ 60, > 60 days), unit and
/// kind, overdue counted apart; petitions through <see cref="PetitionAccess.VisibleAsync"/> (scope and §30), for petition staff only.
/// </summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class CentreModel(PingyiDbContext db, Scope scope, PetitionAccess petitions, RequestServices services, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CentreRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var path = await scope.PathAsync(ct);
        var rows = new List<(string What, string Kind, string Unit, int Days, bool Overdue)>();
        var requests = await db.ServiceRequests.Where(r => r.Status == RequestStatus.Open && r.Organization!.Path.StartsWith(path))
            .Select(r => new { r.ServiceCode, Unit = r.Organization!.Name, r.RequestedAt, r.ExpectedAt }).ToListAsync(ct);
        rows.AddRange(requests.Select(r => ("群众诉求", services.Find(r.ServiceCode)?.Name ?? r.ServiceCode, r.Unit, (int)(now - r.RequestedAt).TotalDays, r.ExpectedAt < now)));
        if (User.Allows(Policies.PetitionStaff))
        {
            var open = await (await petitions.VisibleAsync(ct)).Where(p => p.Status == PetitionStatus.Registered || p.Status == PetitionStatus.Accepted || p.Status == PetitionStatus.InReview)
                .Select(p => new { p.Kind, Unit = p.HandlingOrganization!.Name, p.FirstReceivedOn, p.Status, p.RoutingDue, p.HandlingDue, p.ReviewDue }).ToListAsync(ct);
            rows.AddRange(open.Select(p => ("信访事项", PetitionText.Kind(p.Kind), p.Unit, today.DayNumber - p.FirstReceivedOn.DayNumber,
                (p.Status == PetitionStatus.Registered ? p.RoutingDue : p.Status == PetitionStatus.Accepted ? p.HandlingDue : p.ReviewDue) < today)));
        }
        Rows = [.. rows.GroupBy(r => (r.What, r.Kind, r.Unit))
            .Select(g => new CentreRow(g.Key.What, g.Key.Kind, g.Key.Unit, g.Count(r => r.Days <= 7), g.Count(r => r.Days is > 7 and <= 30), g.Count(r => r.Days is > 30 and <= 60),
                g.Count(r => r.Days > 60), g.Count(r => r.Overdue)))
            .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.Older).ThenByDescending(r => r.Total)];
    }
}
