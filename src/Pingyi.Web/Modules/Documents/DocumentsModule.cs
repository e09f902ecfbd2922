using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Documents;

/// <summary>
/// Official documents (公文): the county's issuers with their formal names and number prefixes, and the register
/// that numbers every document the platform issues (青组通〔2026〕12号) per issuer and year.
/// </summary>
public sealed class DocumentsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder) => builder.Services
        .AddScoped<DocumentRegister>().AddScoped<DocumentQueries>().AddScoped<SetIssuerHandler>().AddScoped<RemoveIssuerHandler>();

    public override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/documents").WithTags("Documents").WithRefusals().RequireAuthorization();
        api.MapGet("/", async Task<Ok<Paged<IssuedView>>> (DocumentQueries q, int? page, int? pageSize, CancellationToken ct) => TypedResults.Ok(await q.IssuedAsync(page, pageSize, ct)))
            .WithSummary("The register of issued documents (发文登记) of issuers in the caller's scope, newest first");
        api.MapGet("/issuers", async Task<Ok<IReadOnlyList<IssuerView>>> (DocumentQueries q, CancellationToken ct) => TypedResults.Ok(await q.IssuersAsync(ct)))
            .WithSummary("The issuers in the caller's scope: formal name and document number prefix per organization");
        api.MapPut("/issuers/{organizationId:long}", async Task<Ok<IssuerView>> (SetIssuerHandler h, long organizationId, SetIssuer request, CancellationToken ct) =>
            TypedResults.Ok(await h.HandleAsync(organizationId, request, ct)))
            .WithSummary("Set an organization's formal name (中共青山县委员会) and number prefix (青组通)");
        api.MapDelete("/issuers/{organizationId:long}", async Task<NoContent> (RemoveIssuerHandler h, long organizationId, CancellationToken ct) =>
        {
            await h.HandleAsync(organizationId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove an organization's issuer entry: its documents are then issued by the nearest issuer above it");
    }
}
