using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// An item of a village's yearly "十最" list (seed 000: "who is in most difficulty, which problem most needs solving …", ten
/// items): its number and heading, what was found, and the ledger item that follows it to close-out.
/// </summary>
public sealed class TenMostItem
{
    public const int TextMax = 300;

    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public int Year { get; set; }

    public int Number { get; set; }

    public required string Heading { get; set; }

    public required string Text { get; set; }

    public long LedgerItemId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class TenMostConfiguration : IEntityTypeConfiguration<TenMostItem>
{
    public void Configure(EntityTypeBuilder<TenMostItem> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.Year, x.Number }).IsUnique();
        b.Property(x => x.Heading).HasMaxLength(30);
        b.Property(x => x.Text).HasMaxLength(TenMostItem.TextMax);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record TenMostEntry(int Number, string? Text, DateOnly? Deadline);

public sealed record SaveTenMost(long OrganizationId, int Year, IReadOnlyList<TenMostEntry> Items);

public sealed record TenMostView(long Id, int Number, string Heading, string Text, long LedgerItemId, string State, DateOnly? Deadline);

/// <summary>
/// The "十最" lists: a village's (or community's) ten items of a year, each entered once and followed as a ledger item
/// (source 十最, responsible the village branch, supervised by its township) — progress, close-out, overdue and escalation are the
/// ledger's. The ten headings are drafted from seed 000's two examples and the usual village survey; only what is found is new.
/// </summary>
public sealed class TenMostLists(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CreateLedgerItemHandler ledger)
{
    public static readonly string[] Headings =
    [
        "最困难的人", "最需要解决的问题", "最迫切的民生需求", "最突出的矛盾纠纷", "最大的安全隐患",
        "最需要关爱的群体", "最不满意的事", "最想办的实事", "最有发展潜力的产业", "最需要改进的干部作风",
    ];

    public async Task<IReadOnlyList<TenMostView>> OfAsync(long organizationId, int year, CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        return await (from t in db.TenMostItems
                      join l in db.LedgerItems on t.LedgerItemId equals l.Id
                      where t.OrganizationId == organizationId && t.Year == year && t.Organization!.Path.StartsWith(path)
                      orderby t.Number
                      select new TenMostView(t.Id, t.Number, t.Heading, t.Text, l.Id, l.State.ToString(), l.Deadline)).ToListAsync(ct);
    }

    public async Task<int> SaveAsync(SaveTenMost request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.RequestStaff, "“十最”清单由村（社区）党组织和乡镇填报");
        var village = await scope.OrganizationAsync(request.OrganizationId, ct);
        if (!await Organizations.VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid("“十最”清单按村（社区）填报", "organizationId");
        }
        var today = ChinaTime.Today(clock);
        var entries = request.Items.Where(i => !string.IsNullOrWhiteSpace(i.Text)).ToList();
        var existing = await db.TenMostItems.Where(t => t.OrganizationId == village.Id && t.Year == request.Year).Select(t => t.Number).ToListAsync(ct);
        var errors = new FieldErrors()
            .Check(request.Year >= today.Year - 1 && request.Year <= today.Year + 1, "year", "请选择上年、本年或下年")
            .Check(entries.Count > 0, "items", "请至少填写一项");
        foreach (var e in entries)
        {
            errors.Check(e.Number is >= 1 and <= 10, $"items[{e.Number}]", "“十最”共十项");
            errors.Check(e.Text!.Trim().Length <= TenMostItem.TextMax, $"items[{e.Number}]", $"第 {e.Number} 项不超过{TenMostItem.TextMax}字");
            errors.Check(!existing.Contains(e.Number), $"items[{e.Number}]", $"第 {e.Number} 项本年已填报，请在台账中跟踪");
            errors.Check(e.Deadline is null || e.Deadline >= today, $"items[{e.Number}]", $"第 {e.Number} 项的时限不能早于今天");
        }
        errors.ThrowIfAny();
        await using var work = await db.BeginWorkAsync(ct);
        foreach (var e in entries)
        {
            var heading = Headings[e.Number - 1];
            var text = e.Text!.Trim();
            var item = await ledger.HandleAsync(new CreateLedgerItem("“十最”" + heading, $"{request.Year}年{heading}：{text}", village.Id, null, null, e.Deadline, null, LedgerSource.TenMost), ct);
            db.TenMostItems.Add(new TenMostItem
            {
                OrganizationId = village.Id, Year = request.Year, Number = e.Number, Heading = heading, Text = text, LedgerItemId = item.Id,
                CreatedBy = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        audit.Record("request.tenmost", "TenMostList", village.Id, village.Path, new { year = request.Year, items = entries.Select(e => e.Number) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return entries.Count;
    }
}
