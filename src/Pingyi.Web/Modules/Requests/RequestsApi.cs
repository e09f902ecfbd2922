using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Requests;

public sealed record NewKey(string? Name);

public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/requests").WithTags("Requests").WithRefusals().RequireAuthorization(Policies.RequestStaff);
        api.MapGet("/", async (RequestQueries q, string? search, RequestStatus? status, string? service, bool? overdue, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(new RequestFilter(search, status, service, overdue ?? false, page, pageSize), ct)))
            .WithSummary("Residents' requests held by organizations in scope, the latest first; overdue=true: open past the expected answer");
        api.MapPost("/", async Task<Created<RequestDetails>> (FileRequestHandler h, RequestQueries q, FileRequest r, CancellationToken ct) =>
        {
            var filed = await h.HandleAsync(r with { Source = r.Source == RequestSource.Open311 ? RequestSource.Staff : r.Source, ClientKeyId = null }, ct);
            return TypedResults.Created($"/api/v1/requests/{filed.Id}", await q.DetailsAsync(filed.Id, ct));
        }).WithSummary("Register a request from a grid group or in person: serviceCode, description, address and/or latitude+longitude, attributes {township: [id]}, name, phone, source, gridGroup");
        api.MapGet("/{id:long}", async (RequestQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A request with its steps; the requester masked");
        api.MapPost("/{id:long}/assign", async (ActOnRequestHandler h, RequestQueries q, long id, AssignRequest r, CancellationToken ct) =>
        {
            await h.AssignAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Pass it to a branch or unit below: organizationId, notes");
        api.MapPost("/{id:long}/notes", async (ActOnRequestHandler h, RequestQueries q, long id, NoteRequest r, CancellationToken ct) =>
        {
            await h.NoteAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("A status note the resident reads (notes); close=true closes it with the note as its result, a note on a closed one reopens it");
        api.MapGet("/ten-most", async (TenMostLists lists, long organizationId, int year, CancellationToken ct) => TypedResults.Ok(await lists.OfAsync(organizationId, year, ct)))
            .WithSummary("A village's \"十最\" list of a year, each item with its ledger item and state");
        api.MapPost("/ten-most", async (TenMostLists lists, SaveTenMost r, CancellationToken ct) =>
        {
            await lists.SaveAsync(r, ct);
            return TypedResults.Ok(await lists.OfAsync(r.OrganizationId, r.Year, ct));
        }).WithSummary("Enter a village's \"十最\" items of a year: organizationId, year, items [{number 1–10, text, deadline}]; each becomes a ledger item");
        api.MapGet("/keys", async (RequestQueries q, CancellationToken ct) => TypedResults.Ok(await q.KeysAsync(ct)))
            .WithSummary("The Open311 clients' api keys (prefixes only)").RequireAuthorization(Policies.SettingsKeepers);
        api.MapPost("/keys", async (RequestQueries q, NewKey r, CancellationToken ct) =>
        {
            var (key, secret) = await q.IssueKeyAsync(r.Name, ct);
            return TypedResults.Created($"/api/v1/requests/keys/{key.Id}", new IssuedKey(key, secret));
        }).WithSummary("Issue an api_key for an Open311 client: name; the key is shown once").RequireAuthorization(Policies.SettingsKeepers);
        api.MapPost("/keys/{id:long}/revoke", async (RequestQueries q, long id, CancellationToken ct) =>
        {
            await q.RevokeKeyAsync(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke an api_key").RequireAuthorization(Policies.SettingsKeepers);
        return app;
    }
}

/// <summary>An Open311 client's key, with the secret shown this once.</summary>
public sealed record IssuedKey(Open311KeyView Key, string ApiKey);
