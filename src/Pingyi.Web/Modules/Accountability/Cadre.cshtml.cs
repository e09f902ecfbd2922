using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Archives;
using Pingyi.Web.Modules.Selection;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>
/// The cadre profile (干部大数据库, seed 003): accountability decisions and notes, the cadre's selections and integrity reviews, then
/// the whole archive (quarters, meetings, commitments, awards, talks, training, projects, stationing, the organization's ledger).
/// The organization department and the discipline body only.
/// </summary>
[Authorize(Policy = Policies.CadreSupervisors)]
public sealed class CadreModel(ArchiveQueries archives, AccountabilityQueries accountability, ReverseEvaluationQueries reverse, AnalysisQueries analysis, AuditReports audits, PingyiDbContext db, Scope scope,
    Microsoft.Extensions.Localization.IStringLocalizer<UiText> localizer) : FormPageModel
{
    public sealed record SelectionLine(long BatchId, string Batch, string Post, NominationChannel Channel, NominationState State, int? EliminatedInRound, bool? IntegrityPassed, DateTime CreatedAt);

    public CadreArchive Archive { get; private set; } = null!;

    public IReadOnlyList<AccountabilityView> Records { get; private set; } = [];

    public IReadOnlyList<CadreNoteView> Notes { get; private set; } = [];

    public IReadOnlyList<SelectionLine> Selections { get; private set; } = [];

    public IReadOnlyList<ReverseEvaluationView> ReverseEvaluations { get; private set; } = [];

    public IReadOnlyList<AuditReportView> AuditReports { get; private set; } = [];

    /// <summary>Accusations naming the cadre, as reported under §30 (no accuser, no facts).</summary>
    public IReadOnlyList<Petitions.ReportedAccusation> Accusations { get; private set; } = [];

    public IReadOnlyList<AnalysisRecordView> Talks { get; private set; } = [];

    public IReadOnlyList<JudgementView> Judgements { get; private set; } = [];

    public bool CanStart => User.Allows(Policies.Selectors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Archive = await archives.CadreAsync(id, ct);
        ReverseEvaluations = await reverse.OfPersonAsync(id, ct);
        (Talks, Judgements) = await analysis.OfPersonAsync(id, ct);
        AuditReports = await audits.OfPersonAsync(id, ct);
        Accusations = await HttpContext.RequestServices.GetRequiredService<Petitions.PetitionQueries>().AccusationsOfAsync(id, ct);
        (Records, Notes) = await accountability.OfPersonAsync(id, ct);
        var path = await scope.PathAsync(ct);
        Selections = await (from n in db.Nominations
                            where n.PersonId == id
                            join p in db.SelectionPosts on n.PostId equals p.Id
                            join b in db.SelectionBatches on p.BatchId equals b.Id
                            where b.Organization!.Path.StartsWith(path)
                            orderby n.CreatedAt descending
                            select new SelectionLine(b.Id, b.Title, p.Title, n.Channel, n.State, n.EliminatedInRound,
                                db.IntegrityReviews.Where(r => r.NominationId == n.Id).Select(r => (bool?)r.Passed).FirstOrDefault(), n.CreatedAt)).ToListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAuditAsync(long id, string? title, string? auditor, DateOnly? issuedOn, string? findings, IFormFile? file, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await audits.RecordAsync(new RecordAuditReport(id, title, auditor, issuedOn, findings), file, ct);
            return localizer["审计报告已登记。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostReverseAsync(long id, DateOnly? heldOn, [FromServices] StartReverseEvaluationHandler start, CancellationToken ct) =>
        this.RunAsync(CanStart, async () =>
        {
            var respondents = Core.Selection.ReverseEvaluation.Sources.ToDictionary(s => s.Key,
                s => int.TryParse(Request.Form["respondents-" + s.Key], out var n) ? n : 0);
            await start.HandleAsync(new StartReverseEvaluation(id, heldOn, respondents), ct);
            return localizer["反向测评已安排：请在评议会议中按来源发放一次性测评码。"];
        }, new { id }, () => OnGetAsync(id, ct));
}
