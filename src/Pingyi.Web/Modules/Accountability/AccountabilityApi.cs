using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Accountability;

public static class AccountabilityApi
{
    public static IEndpointRouteBuilder MapAccountabilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/accountability").WithTags("Accountability").WithRefusals().RequireAuthorization(Policies.CadreSupervisors);
        api.MapGet("/lists", async (AccountabilityAccess access, CancellationToken ct) => TypedResults.Ok(await access.CurrentAsync(ct)))
            .WithSummary("The lists in force: version (0 = the default), document, the situations of 有错无为、不在状态 and the measures with their effect months");
        api.MapPost("/lists", async Task<Created<AccountabilityAccess.Lists>> (PublishAccountabilityListsHandler h, AccountabilityAccess access, PublishAccountabilityLists r, CancellationToken ct) =>
        {
            await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/accountability/lists", await access.CurrentAsync(ct));
        }).WithSummary("Publish the next version of both lists: document, situations (texts), measures (name, effectMonths 0–60); the county's organization department only")
            .RequireAuthorization(Policies.Selectors);
        api.MapGet("/records", async (AccountabilityQueries q, string? search, bool? inEffect, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.RecordsAsync(new AccountabilityFilter(search, inEffect ?? false, page, pageSize), ct)))
            .WithSummary("Accountability decisions in scope, the latest first; search matches the cadre, the organization or the document; inEffect=true: effect period not ended");
        api.MapPost("/records", async Task<Created<AccountabilityView>> (RecordAccountabilityHandler h, AccountabilityQueries q, RecordAccountability r, CancellationToken ct) =>
        {
            var record = await h.HandleAsync(r, ct);
            var (records, _) = await q.OfPersonAsync(record.PersonId, ct);
            return TypedResults.Created($"/api/v1/accountability/records/{record.Id}", records.Single(x => x.Id == record.Id));
        }).WithSummary("Record a decision: personId, situation and measure (numbers in the lists in force), document, facts, decidedOn; the effect period follows from the measure");
        api.MapGet("/notes", async (AccountabilityQueries q, CadreNoteKind? kind, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.NotesAsync(kind, search, page, pageSize, ct)))
            .WithSummary("Reminder talks, clarifications and tolerated mistakes in scope (kind: ReminderTalk, Clarification, ToleratedMistake)");
        api.MapPost("/notes", async Task<Created<CadreNoteView>> (RecordCadreNoteHandler h, AccountabilityQueries q, RecordCadreNote r, CancellationToken ct) =>
        {
            var note = await h.HandleAsync(r, ct);
            var (_, notes) = await q.OfPersonAsync(note.PersonId, ct);
            return TypedResults.Created($"/api/v1/accountability/notes/{note.Id}", notes.Single(x => x.Id == note.Id));
        }).WithSummary("Record a reminder talk, a clarification or a tolerated mistake: personId, kind, on, reasons; a tolerated mistake may name projectAccountabilityId it covers");
        api.MapGet("/audit-reports", async (AuditReports reports, long personId, CancellationToken ct) => TypedResults.Ok(await reports.OfPersonAsync(personId, ct)))
            .WithSummary("A cadre's economic responsibility audit reports (经济责任审计), the latest first");
        api.MapPost("/audit-reports", async Task<Created<AuditReportView>> (AuditReports reports, [FromForm] long personId, [FromForm] string? title, [FromForm] string? auditor,
                [FromForm] DateOnly? issuedOn, [FromForm] string? findings, IFormFile? file, CancellationToken ct) =>
            {
                var report = await reports.RecordAsync(new RecordAuditReport(personId, title, auditor, issuedOn, findings), file, ct);
                return TypedResults.Created($"/api/v1/accountability/audit-reports/{report.Id}/file", (await reports.OfPersonAsync(personId, ct)).Single(r => r.Id == report.Id));
            }).WithSummary("Register an audit report: multipart form personId, title, auditor, issuedOn, findings, file (PDF, Office or photo; ≤ 20 MB)");
        api.MapGet("/audit-reports/{id:long}/file", async (AuditReports reports, long id, CancellationToken ct) =>
        {
            var (content, name) = await reports.OpenAsync(id, ct);
            return Results.File(content, FileStore.ContentTypeOf(name), name);
        }).WithSummary("An audit report's file");
        api.MapGet("/summary", async (AccountabilityQueries q, int year, CancellationToken ct) => TypedResults.Ok(await q.SummaryAsync(year, ct)))
            .WithSummary("A year's decisions, those in effect now, reminder talks, clarifications and tolerated mistakes");

        api.MapGet("/analysis", async (AnalysisQueries q, CancellationToken ct) => TypedResults.Ok(await q.PlansAsync(ct)))
            .WithSummary("\"三五\" analysis plans in scope with each way of gathering against its target and the 提/转/留 tallies");
        api.MapPost("/analysis", async Task<Created<AnalysisPlanDetails>> (AnalysisWork w, AnalysisQueries q, CreateAnalysisPlan r, CancellationToken ct) =>
        {
            var plan = await w.CreatePlanAsync(r, ct);
            return TypedResults.Created($"/api/v1/accountability/analysis/{plan.Id}", await q.PlanAsync(plan.Id, ct));
        }).WithSummary("A re-election analysis work plan: title, year, organizationId and targets letters, interviews, interviewGroups, visits, reviews, heartTalks").RequireAuthorization(Policies.Selectors);
        api.MapGet("/analysis/{id:long}", async (AnalysisQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.PlanAsync(id, ct)))
            .WithSummary("A plan with its progress, records and judgements");
        api.MapPost("/analysis/{id:long}/records", async (AnalysisWork w, AnalysisQueries q, long id, RecordAnalysis r, CancellationToken ct) =>
        {
            await w.RecordAsync(id, r, ct);
            return TypedResults.Ok(await q.PlanAsync(id, ct));
        }).WithSummary("Record work: method (Letter, Interview, Visit, Review, HeartTalk), on, count, group (an interview's level), personId (a talk's cadre), notes");
        api.MapPost("/analysis/{id:long}/judgements", async (AnalysisWork w, AnalysisQueries q, long id, JudgeCadre r, CancellationToken ct) =>
        {
            await w.JudgeAsync(id, r, ct);
            return TypedResults.Ok(await q.PlanAsync(id, ct));
        }).WithSummary("A cadre's five-category judgement: personId, category (First–Fifth), decision (Promote, Exchange, Keep), reasons; once per plan").RequireAuthorization(Policies.Selectors);
        return app;
    }
}
