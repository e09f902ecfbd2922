using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Bulletins;

public static class BulletinsApi
{
    public static IEndpointRouteBuilder MapBulletinsApi(this IEndpointRouteBuilder app)
    {
        var bulletins = app.MapGroup("/api/v1/bulletins").WithTags("Bulletins").WithRefusals().RequireAuthorization();
        bulletins.MapGet("/", async Task<Ok<IReadOnlyList<BulletinSummary>>> (BulletinQueries b, CancellationToken ct) => TypedResults.Ok(await b.ListAsync(ct)))
            .WithSummary("Published bulletins of organizations in the caller's scope");
        bulletins.MapGet("/preview", async Task<Ok<BulletinData>> (BulletinQueries b, int year, int month, long? root, CancellationToken ct) => TypedResults.Ok(await b.ComputeAsync(year, month, root, ct)))
            .WithSummary("The month's figures for an organization's subtree, computed now and not stored");
        bulletins.MapPost("/", async Task<Ok<BulletinSummary>> (PublishBulletinHandler h, PublishBulletin p, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(p, ct)))
            .WithSummary("Publish the month's bulletin of the caller's organization (again: replaces the figures); it appears on the public board");
        bulletins.MapGet("/{id:long}", async Task<Ok<BulletinData>> (BulletinQueries b, long id, CancellationToken ct) => TypedResults.Ok((await b.GetAsync(id, ct)).Data))
            .WithSummary("A published bulletin with its overdue items named");
        bulletins.MapGet("/{id:long}/document", async (BulletinQueries b, Documents.DocumentRegister register, long id, CancellationToken ct) =>
        {
            var (summary, data) = await b.GetAsync(id, ct);
            var issue = await register.IssuedAsync(BulletinQueries.DocumentSubject(id), ct)
                ?? new Documents.DocumentIssue((await register.IssuerAsync(summary.ScopeOrganizationId, ct)).Name, null, DateOnly.FromDateTime(ChinaTime.ToChina(summary.PublishedAt)));
            return new Paper(BulletinQueries.Document(data, issue), summary.Title + ".docx").ToResult();
        }).WithSummary("The bulletin as an official document (GB/T 9704) with its number");

        var open = app.MapGroup("/api/public/bulletins").WithTags("Public").WithRefusals().AllowAnonymous().CacheOutput(PublicCache.Policy);
        open.MapGet("/", async Task<Ok<List<BulletinSummary>>> (BulletinQueries b, CancellationToken ct) => TypedResults.Ok(await b.PublishedAsync(ct)))
            .WithSummary("Every published bulletin (no login)");
        open.MapGet("/{id:long}", async Task<Results<Ok<PublicBoard>, NotFound>> (BulletinQueries b, long id, CancellationToken ct) =>
            await b.PublicAsync(id, ct) is { } board ? TypedResults.Ok(board) : TypedResults.NotFound())
            .WithSummary("A bulletin's public figures: ranking, trend, categories; no items, no people (no login)");
        return app;
    }
}
