using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Organizations;

public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations").WithTags("Organizations").WithRefusals().RequireAuthorization();
        api.MapGet("/tree", GetTree).WithSummary("The organization tree from the caller's scope root (or rootId) to the given depth");
        api.MapGet("/", List).WithSummary("Paged list of organizations, filtered by name or code, level, category, parent and status");
        api.MapGet("/{id:long}", Get).WithSummary("One organization with its secretary, sub-organizations and history");
        var edit = api.MapGroup("/").RequireAuthorization(Accounts.Policies.Editors);
        edit.MapPost("/", Create).WithSummary("Create an organization under a parent");
        edit.MapPost("/{id:long}/rename", Rename).WithSummary("Rename, with an effective date");
        edit.MapPost("/{id:long}/move", Move).WithSummary("Move with its whole subtree under another parent");
        edit.MapPost("/{id:long}/merge", Merge).WithSummary("Merge into another organization of the same level (members and sub-organizations transfer)");
        edit.MapPost("/{id:long}/dissolve", Dissolve).WithSummary("Dissolve an organization that has no members and no active sub-organizations");
        return app;
    }

    private static async Task<Results<Ok<OrganizationNode>, NotFound>> GetTree(OrganizationQueries queries, long? rootId, int? depth, bool? includeInactive, CancellationToken ct) =>
        await queries.TreeAsync(rootId, depth ?? 2, includeInactive ?? false, ct) is { } tree ? TypedResults.Ok(tree) : TypedResults.NotFound();

    private static async Task<Ok<Paged<OrganizationSummary>>> List(OrganizationQueries queries, string? q, OrganizationLevel? level,
        OrganizationCategory? category, long? parentId, OrganizationStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new OrganizationFilter(q, level, category, parentId, status, page, pageSize), ct));

    private static async Task<Results<Ok<OrganizationDetails>, NotFound>> Get(OrganizationQueries queries, long id, CancellationToken ct) =>
        await queries.DetailsAsync(id, ct) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();

    private static async Task<Created<OrganizationSummary>> Create(CreateOrganizationHandler handler, CreateOrganization request, CancellationToken ct)
    {
        var o = await handler.HandleAsync(request, ct);
        return TypedResults.Created($"/api/v1/organizations/{o.Id}", ToSummary(o));
    }

    private static async Task<Ok<OrganizationSummary>> Rename(RenameOrganizationHandler handler, long id, RenameOrganization request, CancellationToken ct) =>
        TypedResults.Ok(ToSummary(await handler.HandleAsync(id, request, ct)));

    private static async Task<Ok<OrganizationSummary>> Move(MoveOrganizationHandler handler, long id, MoveOrganization request, CancellationToken ct) =>
        TypedResults.Ok(ToSummary(await handler.HandleAsync(id, request, ct)));

    private static async Task<Ok<OrganizationSummary>> Merge(MergeOrganizationHandler handler, long id, MergeOrganization request, CancellationToken ct) =>
        TypedResults.Ok(ToSummary(await handler.HandleAsync(id, request, ct)));

    private static async Task<Ok<OrganizationSummary>> Dissolve(DissolveOrganizationHandler handler, long id, DissolveOrganization request, CancellationToken ct) =>
        TypedResults.Ok(ToSummary(await handler.HandleAsync(id, request, ct)));

    private static OrganizationSummary ToSummary(Organization o) =>
        new(o.Id, o.Code, o.Name, o.Level, o.Category, o.Status, o.ParentId, null, o.Depth, o.EstablishedOn, o.EndedOn);
}
