using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Archives;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Archives;

public static class ArchivesApi
{
    public static IEndpointRouteBuilder MapArchivesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/archives").WithTags("Archives").WithRefusals().RequireAuthorization(Policies.ArchiveReaders);
        api.MapPost("/quarters", async Task<Created<QuarterStarted>> (StartQuarterHandler h, StartQuarter r, CancellationToken ct) =>
        {
            var started = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/meetings/{started.MeetingId}", started);
        }).WithSummary("A quarter's review as a meeting of the engine: kind VillageSecretary (一考双评 of a township's village secretaries) or TownshipTeam "
            + "(季度讲评 of the county's township teams), hostOrganizationId, year, quarter, heldOn, schemeId (another version of the indicator set); "
            + "its published results become the archive's scores").RequireAuthorization(Policies.ArchiveKeepers);
        api.MapGet("/quarters", async (ArchiveQueries q, int year, CancellationToken ct) => TypedResults.Ok(await q.HeldAsync(year, ct)))
            .WithSummary("The quarters held in the year in scope, with their meetings and scheme versions");
        api.MapPut("/plans", async (SaveArchivePlanHandler h, SaveArchivePlan r, CancellationToken ct) =>
        {
            var plan = await h.HandleAsync(r, ct);
            return TypedResults.Ok(new ArchivePlanView(plan.HostOrganizationId, plan.Kind, plan.Year, plan.Combination, plan.Missing));
        }).WithSummary("The year's rule of a host's archive: combination Sum or Mean of the quarters, missing MeanOfHeld or Zero").RequireAuthorization(Policies.ArchiveKeepers);
        api.MapGet("/rankings/{year:int}", async (ArchiveQueries q, int year, ArchiveKind? kind, int? quarter, long? host, CancellationToken ct) =>
                TypedResults.Ok(await q.RankingAsync(kind ?? ArchiveKind.VillageSecretary, year, quarter, host, ct)))
            .WithSummary("实绩台账: the ranking of a kind for the year (or one quarter), per host and across the scope, with each total's explanation");
        api.MapGet("/rankings/{year:int}.xlsx", ExportAsync)
            .WithSummary("The ranking as a workbook with a title, as the list (kind, quarter, host)");
        api.MapGet("/picking/{year:int}", async (ArchiveQueries q, TimeProvider clock, int year, decimal? minScore, Core.Grading.OrganizationGrade? grade, int? minYearsInPost,
                OrganizationCategory? field, long? under, int? maxAge, int? minAge, ArchiveKind? kind, CancellationToken ct) =>
                TypedResults.Ok(await q.PickingAsync(new PickingFilter(year, minScore, grade, minYearsInPost, field, under, maxAge, minAge, kind ?? ArchiveKind.VillageSecretary),
                    ChinaTime.Today(clock), ct)))
            .WithSummary("点将台: the year's village secretaries (kind VillageSecretary, the default) or townships' leading cadres (SectionCadre), best first, filtered by the year's total, their organization's grade, years in post, age (minAge, maxAge) and field");
        api.MapGet("/cadres/{personId:long}", async (ArchiveQueries q, long personId, CancellationToken ct) => TypedResults.Ok(await q.CadreAsync(personId, ct)))
            .WithSummary("A cadre's archive: quarters and years, meeting results, commitments and stars, awards, talks, ledger items of their organizations");
        api.MapGet("/cadres/{personId:long}/record.docx", async (CadreRecord record, long personId, CancellationToken ct) => (await record.HandleAsync(personId, ct)).ToResult())
            .WithSummary("The cadre's performance record as a Word document in official format (GB/T 9704), unnumbered");
        return app;
    }

    private static readonly string[] Columns = ["全县位次", "姓名（班子）", "组织", "乡镇（考评单位）", "乡镇内位次", "一季度", "二季度", "三季度", "四季度", "得分", "说明"];

    private static async Task<IResult> ExportAsync(ArchiveQueries queries, int year, ArchiveKind? kind, int? quarter, long? host, CancellationToken ct)
    {
        var ranking = await queries.RankingAsync(kind ?? ArchiveKind.VillageSecretary, year, quarter, host, ct);
        var title = ArchiveText.RankingTitle(ranking);
        var output = new MemoryStream();
        using (var writer = new Imports.TableWriter(output, Imports.TableFormat.Xlsx, "实绩排名", Columns, [8, 14, 20, 16, 8, 8, 8, 8, 8, 10, 60], title))
        {
            foreach (var l in ranking.Lines)
            {
                writer.WriteRow([Number(l.CountyPosition), l.Name, l.Organization, l.Host, Number(l.HostPosition),
                    .. l.Quarters.Select(ArchiveText.Score), ArchiveText.Score(l.Score), l.Explanation]);
            }
        }
        return Results.File(output.ToArray(), Imports.Exports.ContentType(Imports.TableFormat.Xlsx), title + ".xlsx");
    }

    private static string? Number(int? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The year's rule of a host's archive as saved.</summary>
public sealed record ArchivePlanView(long HostOrganizationId, ArchiveKind Kind, int Year, YearCombination Combination, MissingQuarter Missing);
