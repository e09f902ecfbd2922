using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// An input of an organization's year: kind and period (month 1–12, quarter 1–4, 1 for the annual assessment), and either
/// the score out of 100 or the points per standard of the indicator sheet (key → points), with a note on the evidence.
/// </summary>
public sealed record RecordGradingInput(long OrganizationId, int Year, GradingInputKind Kind, int Period, decimal? Score,
    IReadOnlyDictionary<string, decimal>? Points, string? Note);

/// <summary>
/// Records or corrects one input while the year is not yet graded; a correction keeps the old score in the audit. The
/// organization department and organization administrators record any input in scope; a branch's own secretary records
/// its quarterly self-assessment (季度自评) — only its own, and only that.
/// </summary>
public sealed class RecordGradingInputHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, GradingAccess access)
{
    /// <summary>Whether the caller may record this kind of input for the organization (one rule for the API and the page).</summary>
    public static bool CanRecord(Scope scope, long organizationId, GradingInputKind kind) =>
        scope.User.Allows(Policies.GradingRecorders)
        || (kind == GradingInputKind.Quarterly && scope.User.Allows(Policies.GradingSelfAssessors) && scope.OrganizationId == organizationId);

    public async Task<GradingInputView> HandleAsync(RecordGradingInput request, CancellationToken ct = default)
    {
        GradingAccess.CheckYear(request.Year);
        var organization = await access.OrganizationAsync(request.OrganizationId, ct);
        if (!CanRecord(scope, organization.Id, request.Kind))
        {
            throw RuleViolation.Forbidden(scope.User.Allows(Policies.GradingSelfAssessors)
                ? "党组织只能录入本组织的季度自评；月评和年度考核由上级录入"
                : "只有组织部门和党组织管理员可以录入定级评分");
        }
        var rules = (await access.SchemeAsync(null, ct)).Rules;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var errors = new FieldErrors()
            .Check(Enum.IsDefined(request.Kind), "kind", "评分类别须为月评、季度自评或年度考核")
            .Check(!Enum.IsDefined(request.Kind) || (request.Period >= 1 && request.Period <= GradingRules.Periods(request.Kind)), "period",
                Enum.IsDefined(request.Kind) ? $"{GradingText.Kind(request.Kind)}的期次须在 1 到 {GradingRules.Periods(request.Kind)} 之间" : "期次无效")
            .Check((note?.Length ?? 0) <= GradingInputRecord.NoteMax, "note", $"说明不超过{GradingInputRecord.NoteMax}字");
        decimal score = 0;
        string? points = null;
        if (request.Points is { Count: > 0 } given)
        {
            foreach (var (key, value) in given)
            {
                if (rules.Standards.FirstOrDefault(s => s.Key == key) is not { } standard)
                {
                    errors.Add("points", $"定级方案没有标准“{key}”");
                }
                else if (value < 0 || value > standard.MaxPoints || SchemeRules.Places(value) > 2)
                {
                    errors.Add($"points.{key}", $"“{standard.Name}”的得分须在 0 到 {standard.MaxPoints:0.##} 之间，最多 2 位小数");
                }
            }
            errors.Check(rules.Standards.All(s => given.ContainsKey(s.Key)), "points", "请填写每一项标准的得分");
            score = decimal.Round(given.Values.Sum() / rules.PossiblePoints * 100, 2, MidpointRounding.AwayFromZero);
            points = string.Join(";", rules.Standards.Where(s => given.ContainsKey(s.Key)).Select(s => $"{s.Key}={given[s.Key]:0.##}"));
        }
        else if (request.Score is { } s)
        {
            errors.Check(s >= 0 && s <= 100 && SchemeRules.Places(s) <= 2, "score", "得分须在 0 到 100 之间，最多 2 位小数");
            score = s;
        }
        else
        {
            errors.Add("score", "请填写得分，或每一项标准的得分");
        }
        errors.ThrowIfAny();
        if (await access.PublishedAsync(request.Year, ct))
        {
            throw new RuleViolation($"{request.Year} 年度已定级，评分不能再改；如需调整等次，请使用动态升降级");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var record = await db.GradingInputs.FirstOrDefaultAsync(x => x.OrganizationId == organization.Id && x.Year == request.Year
            && x.Kind == request.Kind && x.Period == request.Period, ct);
        var previous = record?.Score;
        if (record is null)
        {
            record = new GradingInputRecord { OrganizationId = organization.Id, Year = request.Year, Kind = request.Kind, Period = request.Period, UserName = "" };
            db.GradingInputs.Add(record);
        }
        record.Score = score;
        record.Points = points;
        record.Note = note;
        record.UserName = scope.UserName ?? "system";
        record.At = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        audit.Record("grading.input", nameof(GradingInputRecord), record.Id, organization.Path,
            new { year = request.Year, kind = request.Kind.ToString(), period = request.Period, score, points, previous });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return GradingInputView.Of(record);
    }
}
