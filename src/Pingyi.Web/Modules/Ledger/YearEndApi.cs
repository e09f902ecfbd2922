using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

public static class YearEndApi
{
    public sealed record YearEndText(string Text);

    public static IEndpointRouteBuilder MapYearEndApi(this IEndpointRouteBuilder app)
    {
        var yearEnd = app.MapGroup("/api/v1/year-end").WithTags("Ledger").WithRefusals().RequireAuthorization();
        yearEnd.MapGet("/{organizationId:long}/{year:int}", async Task<Ok<YearEndView>> (YearEndQueries r, long organizationId, int year, CancellationToken ct) =>
            TypedResults.Ok(await r.GetAsync(organizationId, year, ct))).WithSummary("A township's ledger year with its report text");
        yearEnd.MapPut("/{organizationId:long}/{year:int}", async Task<Ok<YearEndView>> (SaveYearEndReportHandler h, long organizationId, int year, YearEndText t, CancellationToken ct) =>
            TypedResults.Ok(await h.HandleAsync(organizationId, year, t.Text, ct))).WithSummary("The township writes its year-end report on the ledger");
        yearEnd.MapGet("/{organizationId:long}/{year:int}/document", async (YearEndQueries r, long organizationId, int year, CancellationToken ct) =>
        {
            var view = await r.GetAsync(organizationId, year, ct);
            return Results.File(YearEndQueries.Document(view), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{view.Organization}{year}年整改专题汇报.docx");
        }).WithSummary("The year-end report as a Word document");

        return app;
    }
}
