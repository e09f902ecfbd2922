using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Commitments;

public sealed record CommitmentItemInput(string? Target, string? Category, DateOnly? Deadline, decimal? Weight);

/// <summary>
/// A commitment as written (报诺 starts from it): whose (an organization, or a member of it), the year or the term, the
/// title and the items. A term commitment (任期承诺) gives the term's last year.
/// </summary>
public sealed record SaveCommitment(long OrganizationId, long? PersonId, int Year, int? TermEndYear, string? Title, IReadOnlyList<CommitmentItemInput>? Items);

/// <summary>
/// Writes a commitment as a draft, or rewrites a draft (also one sent back for changes): every mistake of the form at
/// once, beside its field; the superior is the owner organization's parent.
/// </summary>
public sealed class SaveCommitmentHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CommitmentAccess access, CommitmentQueries queries)
{
    public const int MaxItems = 30;

    public Task<CommitmentView> CreateAsync(SaveCommitment request, CancellationToken ct = default) => SaveAsync(null, request, ct);

    public Task<CommitmentView> UpdateAsync(long id, SaveCommitment request, CancellationToken ct = default) => SaveAsync(id, request, ct);

    private async Task<CommitmentView> SaveAsync(long? id, SaveCommitment request, CancellationToken ct)
    {
        scope.User.Require(Policies.CommitmentMakers, "只有党组织或其书记可以起草承诺");
        (Commitment Commitment, string Path)? existing = id is { } known ? await access.CommitmentAsync(known, ct) : null;
        if (existing is { } e && !CommitmentWorkflow.Editable(e.Commitment.State))
        {
            throw new RuleViolation($"“{CommitmentWorkflow.Chinese(e.Commitment.State)}”的承诺不能修改");
        }
        var organization = await (await scope.OrganizationsAsync(ct)).Where(o => o.Id == request.OrganizationId)
            .Select(o => new { o.Id, o.Name, o.ParentId, o.Path, o.Status }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"组织 {request.OrganizationId} 不存在或不在您的管理范围内");
        if (organization.ParentId is not { } superior)
        {
            throw new RuleViolation($"“{organization.Name}”没有上级党组织，无法定诺");
        }
        string? personName = null;
        if (request.PersonId is { } personId)
        {
            personName = await db.People.Where(p => p.Id == personId && p.OrganizationId == organization.Id).Select(p => p.Name).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid($"人员 {personId} 不是“{organization.Name}”的党员", "personId");
        }

        var title = (request.Title ?? string.Empty).Trim();
        var items = request.Items ?? [];
        // A term that ends before it starts is refused on its own; the deadlines are then checked against the year.
        var lastYear = request.TermEndYear is { } termEnd && termEnd >= request.Year ? termEnd : request.Year;
        var errors = new FieldErrors()
            .Check(title.Length is > 0 and <= Commitment.TitleMax, "title", $"请填写承诺标题（不超过{Commitment.TitleMax}字）")
            .Check(request.Year is >= 2000 and <= 2100, "year", "承诺年度应在 2000 至 2100 年之间")
            .Check(request.TermEndYear is null || (request.TermEndYear >= request.Year && request.TermEndYear <= request.Year + 5), "termEndYear",
                "任期承诺的截止年度应不早于起始年度，且任期不超过 5 年")
            .Check(items.Count is > 0 and <= MaxItems, "items", $"请列出承诺事项（1 至 {MaxItems} 项）");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var n = i + 1;
            errors.Check((item.Target?.Trim().Length ?? 0) is > 0 and <= CommitmentItem.TargetMax, $"items[{i}].target",
                    $"第 {n} 项：请填写可衡量的承诺目标（不超过{CommitmentItem.TargetMax}字）")
                .Check((item.Category?.Trim().Length ?? 0) is > 0 and <= CommitmentItem.CategoryMax, $"items[{i}].category", $"第 {n} 项：请填写类别")
                .Check(item.Deadline is { } d && d.Year >= request.Year && d.Year <= lastYear, $"items[{i}].deadline",
                    $"第 {n} 项：完成时限应在承诺期（{request.Year}{(request.TermEndYear is { } end ? $"—{end}" : "")}年）内");
        }
        if (CommitmentProgress.WeightRefusal([.. items.Select(i => i.Weight)]) is { } weightRefusal)
        {
            errors.Add("weights", weightRefusal);
        }
        errors.ThrowIfAny();

        await using var work = await db.BeginWorkAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var commitment = existing?.Commitment ?? new Commitment { Title = title, CreatedAt = now, State = CommitmentState.Draft };
        commitment.Owner = request.PersonId is null ? CommitmentOwner.Organization : CommitmentOwner.Member;
        commitment.OrganizationId = organization.Id;
        commitment.SupervisingOrganizationId = superior;
        commitment.PersonId = request.PersonId;
        commitment.PersonName = personName;
        commitment.Year = request.Year;
        commitment.TermEndYear = request.TermEndYear;
        commitment.Title = title;
        if (existing is not null)
        {
            db.CommitmentItems.RemoveRange(commitment.Items);
            commitment.Items.Clear();
        }
        commitment.Items.AddRange(items.Select((item, i) => new CommitmentItem
        {
            Order = i + 1, Target = item.Target!.Trim(), Category = item.Category!.Trim(), Deadline = item.Deadline!.Value, Weight = item.Weight,
        }));
        if (existing is null)
        {
            db.Commitments.Add(commitment);
        }
        await db.SaveChangesAsync(ct);
        audit.Record(existing is null ? "commitment.create" : "commitment.update", nameof(Commitment), commitment.Id, organization.Path, new
        {
            title, owner = commitment.Owner.ToString(), person = personName, year = request.Year, termEndYear = request.TermEndYear,
            items = commitment.Items.Select(i => new { i.Target, i.Category, i.Deadline, i.Weight }),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await queries.GetAsync(commitment.Id, ct))!;
    }
}
