using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Grading;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Grading;

public static class GradingApi
{
    public static IEndpointRouteBuilder MapGradingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/grading").WithTags("Grading").WithRefusals().RequireAuthorization();
        api.MapGet("/schemes", async (GradingQueries q, CancellationToken ct) => TypedResults.Ok(await q.SchemesAsync(ct)))
            .WithSummary("Every version of the grading scheme (五好 standards and rules), the latest first");
        api.MapPost("/schemes", async Task<Created<GradingSchemeView>> (SaveGradingSchemeHandler h, SaveGradingScheme r, CancellationToken ct) =>
        {
            var created = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/grading/schemes/{created.Version}", created);
        }).WithSummary("A new version of the scheme: name, note (what changed), rules (standards, weights, thresholds, shares)").RequireAuthorization(Policies.Graders);
        api.MapGet("/{year:int}", async (GradingQueries q, int year, CancellationToken ct) => TypedResults.Ok(await q.SummaryAsync(year, ct)))
            .WithSummary("The year in the caller's scope: published grades, or the preview with the latest scheme; counts per township, the total and the targets");
        api.MapGet("/{year:int}/results", async (GradingQueries queries, int year, OrganizationGrade? grade, bool? exemplary, long? under, string? q, int? page, int? pageSize,
                CancellationToken ct) => TypedResults.Ok(await queries.ResultsAsync(year, new GradeFilter(grade, exemplary, under, q, page, pageSize), ct)))
            .WithSummary("The published grades of the year, by position, filtered by grade (the three tracks), exemplary, subtree (under) and q (name or code)");
        api.MapGet("/{year:int}/results.xlsx", ExportAsync)
            .WithSummary("The published grades of the year as a workbook with a title, filtered as the list (grade, exemplary, under, q)");
        api.MapPost("/{year:int}/publish", (PublishGradesHandler h, GradingQueries q, int year, PublishGrades? r, CancellationToken ct) =>
                h.HandleAsync(new PublishGrades(year, r?.SchemeVersion), q, ct))
            .WithSummary("定级: grade the year of every grassroots organization in scope with the latest scheme (or schemeVersion) and publish; once per year")
            .RequireAuthorization(Policies.Graders);
        api.MapGet("/organizations/{id:long}", async (GradingQueries q, long id, int? year, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await q.OrganizationAsync(id, year ?? ChinaTime.Today(clock).Year, ct)))
            .WithSummary("An organization's grading: every year's grade, the year's inputs, vetoes, grade changes and conversion measures");
        api.MapPut("/inputs", (RecordGradingInputHandler h, RecordGradingInput r, CancellationToken ct) => h.HandleAsync(r, ct))
            .WithSummary("Record or correct an input: organizationId, year, kind (monthly, quarterly, annual), period, score out of 100 or points per standard, note; a branch's secretary records its own quarterly self-assessment")
            .RequireAuthorization(Policies.GradingSelfAssessors);
        api.MapPost("/monthly-evaluations", async Task<Created<MonthStarted>> (EvaluateMonthHandler h, EvaluateMonth r, CancellationToken ct) =>
        {
            var started = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/meetings/{started.MeetingId}", started);
        }).WithSummary("月评 by phones: a meeting of the graded organizations under hostOrganizationId for year and month; its published scores become their monthly inputs")
            .RequireAuthorization(Policies.GradingRecorders);
        api.MapPost("/vetoes", async Task<Created<GradingVetoView>> (RecordGradingVetoHandler h, RecordGradingVeto r, CancellationToken ct) =>
        {
            var veto = await h.RecordAsync(r, ct);
            return TypedResults.Created($"/api/v1/grading/vetoes/{veto.Id}", veto);
        }).WithSummary("A veto condition (一票否决) of an organization's year, with the reason").RequireAuthorization(Policies.Graders);
        api.MapDelete("/vetoes/{id:long}", async (RecordGradingVetoHandler h, long id, CancellationToken ct) =>
        {
            await h.WithdrawAsync(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Withdraw a veto before the year is graded").RequireAuthorization(Policies.Graders);
        api.MapPost("/organizations/{id:long}/{year:int}/grade", (ChangeGradeHandler h, long id, int year, ChangeGrade r, CancellationToken ct) => h.HandleAsync(id, year, r, ct))
            .WithSummary("动态升降级: change a published grade during the year, with the reason").RequireAuthorization(Policies.Graders);
        api.MapPost("/organizations/{id:long}/{year:int}/measures", async Task<Created<LedgerItemView>> (AddConversionMeasureHandler h, long id, int year,
            AddConversionMeasure r, CancellationToken ct) =>
        {
            var item = await h.HandleAsync(id, year, r, ct);
            return TypedResults.Created($"/api/v1/ledger/{item.Id}", item);
        }).WithSummary("A conversion measure (整顿转化) of a lagging organization: a ledger item tracked to close-out").RequireAuthorization(Policies.GradingRecorders);
        return app;
    }

    private static readonly string[] Columns = ["位次", "组织编码", "基层党组织", "得分", "等次", "示范", "按分数", "说明", "上年", "整顿转化措施", "方案版本"];

    private static async Task<IResult> ExportAsync(GradingQueries queries, int year, OrganizationGrade? grade, bool? exemplary, long? under, string? q, CancellationToken ct)
    {
        var output = new MemoryStream();
        var title = $"{year}年度基层党组织分类定级结果" + (grade is { } g ? $"（{GradingText.Grade(g)}）" : "");
        using (var writer = new Imports.TableWriter(output, Imports.TableFormat.Xlsx, "分类定级", Columns, [6, 14, 30, 8, 8, 6, 8, 30, 8, 16, 8], title))
        {
            for (var page = 1; ; page++)
            {
                var batch = await queries.ResultsAsync(year, new GradeFilter(grade, exemplary, under, q, page, Paging.MaxPageSize), ct);
                foreach (var r in batch.Items)
                {
                    var why = string.Join("；", GradingText.Flags(r.Flags).Concat(r.VetoReason is null ? [] : [r.VetoReason])
                        .Concat(r.Grade == r.PublishedGrade ? [] : [$"定级时为{GradingText.Grade(r.PublishedGrade)}，此后动态调整"]));
                    writer.WriteRow([r.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Code, r.Name,
                        r.Composite?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), GradingText.Grade(r.Grade), r.Exemplary ? "示范" : null,
                        r.ScoreGrade is { } sg ? GradingText.Grade(sg) : null, why.Length == 0 ? null : why, r.PreviousGrade is { } p ? GradingText.Grade(p) : null,
                        r.PublishedGrade == OrganizationGrade.Lagging ? $"{r.MeasuresClosed}/{r.Measures} 已销号" : null,
                        r.SchemeVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                }
                if (page >= batch.Pages)
                {
                    break;
                }
            }
        }
        return Results.File(output.ToArray(), Imports.Exports.ContentType(Imports.TableFormat.Xlsx), $"{year}年度分类定级结果.xlsx");
    }
}
