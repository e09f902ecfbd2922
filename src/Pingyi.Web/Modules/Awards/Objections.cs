using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Awards;

/// <summary>An objection received during the publicity: what it says, the day received (today when not given).</summary>
public sealed record RecordObjection(string Text, DateOnly? ReceivedOn);

/// <summary>What checking an objection found: true (属实: the nomination is withdrawn) or not, with the finding.</summary>
public sealed record ResolveObjection(bool Upheld, string Finding);

/// <summary>
/// Objections to a publicized list (公示异议), recorded by the conferring side while the list is public and each checked
/// (核实): found true, the nomination is withdrawn with the finding as its reason; found untrue, it stays. The list is approved
/// only with every objection checked. Who objected is not recorded here: the objection is about the nominee.
/// </summary>
public sealed class ObjectionsHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AwardAccess access, AwardQueries queries)
{
    public async Task<ObjectionView> RecordAsync(long nominationId, RecordObjection request, CancellationToken ct = default)
    {
        var (nomination, award, path) = await RunAsync(nominationId, ct);
        if (AwardWorkflow.ObjectionRefusal(award.Stage, nomination.State) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        var text = (request.Text ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        var received = request.ReceivedOn ?? today;
        new FieldErrors()
            .Check(text.Length is > 0 and <= AwardObjection.TextMax, "text", $"请填写异议内容（不超过{AwardObjection.TextMax}字）")
            .Check(received >= award.PublicityFrom && received <= today, "receivedOn", $"收到日期须在公示开始（{award.PublicityFrom:yyyy-MM-dd}）到今天之间")
            .ThrowIfAny();
        await using var work = await db.BeginWorkAsync(ct);
        var objection = new AwardObjection { NominationId = nominationId, Text = text, ReceivedOn = received, RecordedBy = scope.UserName ?? "system" };
        db.AwardObjections.Add(objection);
        await db.SaveChangesAsync(ct);
        audit.Record("award.objection", nameof(AwardObjection), objection.Id, path, new { nomination = nominationId, receivedOn = received });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return View(objection);
    }

    public async Task<NominationView> ResolveAsync(long objectionId, ResolveObjection request, CancellationToken ct = default)
    {
        var nominationId = await (await access.NominationsAsync(ct)).SelectMany(n => db.AwardObjections.Where(o => o.NominationId == n.Id && o.Id == objectionId))
            .Select(o => (long?)o.NominationId).FirstOrDefaultAsync(ct) ?? throw RuleViolation.NotFound($"异议 {objectionId} 不存在或不在您的管理范围内");
        var (nomination, award, path) = await RunAsync(nominationId, ct);
        var objection = await db.AwardObjections.FirstAsync(o => o.Id == objectionId, ct);
        if (objection.Upheld is not null)
        {
            throw new RuleViolation($"这件异议已于核实处理（{(objection.Upheld.Value ? "属实" : "不属实")}）");
        }
        if (award.Stage != AwardStage.Publicity)
        {
            throw new RuleViolation($"本项表彰{AwardWorkflow.Chinese(award.Stage)}，异议不能再处理");
        }
        var finding = (request.Finding ?? string.Empty).Trim();
        new FieldErrors().Check(finding.Length is > 0 and <= AwardObjection.TextMax, "finding", $"请写明核实情况（不超过{AwardObjection.TextMax}字）").ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        objection.Upheld = request.Upheld;
        objection.Finding = finding;
        objection.ResolvedBy = scope.UserName ?? "system";
        objection.ResolvedAt = now;
        await using var work = await db.BeginWorkAsync(ct);
        if (request.Upheld && nomination.State == NominationState.Recommended)
        {
            // The finding stays on the objection; the nomination names it.
            ActOnNominationHandler.Apply(nomination, award.Stage, NominationAction.Withdraw, $"公示期间异议经核实属实（见异议 {objectionId} 的核实情况）", objection.ResolvedBy, now);
        }
        audit.Record("award.objection-resolve", nameof(AwardObjection), objectionId, path, new { nomination = nominationId, upheld = request.Upheld, state = nomination.State.ToString() });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.NominationAsync(nominationId, ct);
    }

    private async Task<(AwardNomination Nomination, Award Award, string Path)> RunAsync(long nominationId, CancellationToken ct)
    {
        scope.User.Require(Policies.Awarders, "只有组织部门可以登记和核实异议");
        var found = await access.NominationAsync(nominationId, ct);
        var awardPath = await db.Organizations.Where(o => o.Id == found.Award.OrganizationId).Select(o => o.Path).FirstAsync(ct);
        if (!await access.RunsAsync(awardPath, ct))
        {
            throw RuleViolation.Forbidden("只有授予单位的组织部门可以登记和核实异议");
        }
        return found;
    }

    private static ObjectionView View(AwardObjection o) => new(o.Id, o.NominationId, o.Text, o.ReceivedOn, o.RecordedBy, o.Upheld, o.Finding, o.ResolvedBy, o.ResolvedAt);
}
