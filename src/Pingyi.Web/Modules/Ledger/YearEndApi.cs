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
        yearEnd.MapGet("/{organizationId:long}/{year:int}/document", async (YearEndQueries r, Documents.DocumentRegister register, long organizationId, int year, CancellationToken ct) =>
        {
            var view = await r.GetAsync(organizationId, year, ct);
            var issuer = await register.FormalNameAsync(view.OrganizationId, ct);
            return new Paper(YearEndQueries.Document(view, issuer), $"{view.Organization}{year}年整改专题汇报.docx").ToResult();
        }).WithSummary("The year-end report as an official document (GB/T 9704) of the organization");

        return app;
    }
}
