using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Stationing;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>The village's evaluation of a year: the day of the villagers' meeting and its count of 满意, 基本满意, 不满意.</summary>
public sealed record EvaluateStation(int Year, DateOnly? HeldOn, int? Satisfied, int? BasicallySatisfied, int? Dissatisfied, string? Note);

/// <summary>
/// Records the village's evaluation of its stationed cadre for a year the stay covers, once a year; the rating follows from the
/// satisfaction rate by the rule of Core <see cref="StationRules"/>; audited with the counts.
/// </summary>
public sealed class EvaluateStationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, StationingAccess access)
{
    public const int MostVotes = 10_000;

    public async Task<StationEvaluation> HandleAsync(long id, EvaluateStation request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇、村党组织的管理员可以登记群众评议结果");
        var (assignment, path) = await access.AssignmentAsync(id, ct);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var today = ChinaTime.Today(clock);
        Years.Check(request.Year);
        static bool Count(int? n) => n is >= 0 and <= MostVotes;
        new FieldErrors()
            .Check(request.Year >= assignment.StartOn.Year && request.Year <= (assignment.EndOn ?? today).Year, "year", "评议年度应在驻村期间")
            .Check(request.HeldOn is not null && request.HeldOn >= assignment.StartOn && request.HeldOn <= today && request.HeldOn.Value.Year >= request.Year, "heldOn",
                "请填写群众评议会的日期：在驻村开始之后、不晚于今天，不早于评议年度")
            .Check(Count(request.Satisfied), "satisfied", $"满意票数应为 0 到 {MostVotes} 之间的整数")
            .Check(Count(request.BasicallySatisfied), "basicallySatisfied", $"基本满意票数应为 0 到 {MostVotes} 之间的整数")
            .Check(Count(request.Dissatisfied), "dissatisfied", $"不满意票数应为 0 到 {MostVotes} 之间的整数")
            .Check(!(Count(request.Satisfied) && Count(request.BasicallySatisfied) && Count(request.Dissatisfied))
                || request.Satisfied + request.BasicallySatisfied + request.Dissatisfied > 0, "satisfied", "三项票数不能都是 0")
            .Check((note?.Length ?? 0) <= StationEvaluation.NoteMax, "note", $"评议意见不超过{StationEvaluation.NoteMax}字")
            .ThrowIfAny();
        if (await db.StationEvaluations.AnyAsync(e => e.AssignmentId == assignment.Id && e.Year == request.Year, ct))
        {
            throw new RuleViolation($"{request.Year}年度的群众评议已经登记过");
        }
        var rate = StationRules.SatisfactionRate(request.Satisfied!.Value, request.BasicallySatisfied!.Value, request.Dissatisfied!.Value)!.Value;
        var evaluation = new StationEvaluation
        {
            AssignmentId = assignment.Id, Year = request.Year, HeldOn = request.HeldOn!.Value, Satisfied = request.Satisfied.Value,
            BasicallySatisfied = request.BasicallySatisfied.Value, Dissatisfied = request.Dissatisfied.Value, Rating = StationRules.Rating(rate), Note = note,
            UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime,
        };
        db.StationEvaluations.Add(evaluation);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("station.evaluate", nameof(StationAssignment), assignment.Id, path, new
        {
            year = request.Year, satisfied = evaluation.Satisfied, basic = evaluation.BasicallySatisfied, dissatisfied = evaluation.Dissatisfied,
            rate = decimal.Round(rate, 4), rating = StationRules.Chinese(evaluation.Rating),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return evaluation;
    }
}
