using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        api.MapPost("/", async Task<Created<FiledRequestView>> (FileRequestHandler h, RequestQueries q, PublicLinks links, FileRequest r, CancellationToken ct) =>
        {
            var source = r.Source is RequestSource.Open311 or RequestSource.PublicPage ? RequestSource.Staff : r.Source;
            var filed = await h.HandleAsync(r with { Source = source, ClientKeyId = null }, null, ct);
            return TypedResults.Created($"/api/v1/requests/{filed.Request.Id}", new FiledRequestView(filed.TrackingCode, Link(links, filed), await q.DetailsAsync(filed.Request.Id, ct)));
        }).WithSummary("Register a request from a grid group or in person: serviceCode, description, address and/or latitude+longitude, attributes {township: [id]}, name, phone, gridGroupId; answers the resident's tracking code (shown once)");
        api.MapGet("/{id:long}", async (RequestQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A request with its steps; the requester masked");
        api.MapPost("/{id:long}/contact", async (RequestQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.ContactAsync(id, ct)))
            .WithSummary("The requester's name and phone in full, to call back (audited)");
        api.MapGet("/{id:long}/photos/{photoId:long}", async (RequestQueries q, FileStore files, long id, long photoId, CancellationToken ct) =>
        {
            var (content, name) = await q.PhotoAsync(id, photoId, files, ct);
            return Results.File(content, FileStore.ContentTypeOf(name), name);
        }).WithSummary("A photo the resident attached");
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
        api.MapGet("/ratings", async (RequestTracking t, Scope scope, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await t.RatingsAsync(await scope.PathAsync(ct), year is >= 2000 and <= 2100 ? year.Value : ChinaTime.Today(clock).Year, ct)))
            .WithSummary("Residents' ratings of the requests closed in a year (default this year) in scope, with the satisfaction rates");

        api.MapGet("/grid-groups", async (GridGroups g, string? search, GridLevel? level, int? page, CancellationToken ct) => TypedResults.Ok(await g.ListAsync(search, level, page, ct)))
            .WithSummary("The grid groups in scope (county, township, village, villagers' group) with their members and requests; search, level, page");
        api.MapGet("/grid-groups/summary", async (GridGroups g, CancellationToken ct) => TypedResults.Ok(await g.SummaryAsync(ct)))
            .WithSummary("Groups and people per level in scope, and the requests that came from them");
        api.MapPost("/grid-groups", async Task<Created<GridGroupView>> (GridGroups g, SaveGridGroup r, CancellationToken ct) =>
        {
            var group = await g.AddAsync(r, ct);
            return TypedResults.Created($"/api/v1/requests/grid-groups/{group.Id}", GridGroupView.Of(group));
        }).WithSummary("Register a grid group: parentId (none for the county's), organizationId, name, members (≤ 500), keeper").RequireAuthorization(Policies.Editors);
        api.MapPut("/grid-groups/{id:long}", async (GridGroups g, long id, SaveGridGroup r, CancellationToken ct) => TypedResults.Ok(GridGroupView.Of(await g.UpdateAsync(id, r, ct))))
            .WithSummary("Change a grid group's name, members or keeper").RequireAuthorization(Policies.Editors);

        api.MapGet("/teams", async (ServiceTeamWork w, string? search, bool? incomplete, int? page, CancellationToken ct) => TypedResults.Ok(await w.ListAsync(search, incomplete ?? false, page, ct)))
            .WithSummary("1 + (3 + X) service teams in scope with members, households, this year's visits and the places not filled; incomplete=true: only those");
        api.MapGet("/teams/summary", async (ServiceTeamWork w, CancellationToken ct) => TypedResults.Ok(await w.SummaryAsync(ct)))
            .WithSummary("Teams, complete teams, paired households, this year's visits and help, households not visited for a quarter");
        api.MapPost("/teams", async Task<Created<TeamDetails>> (ServiceTeamWork w, FormTeam r, CancellationToken ct) =>
        {
            var team = await w.FormAsync(r, ct);
            return TypedResults.Created($"/api/v1/requests/teams/{team.Id}", await w.DetailsAsync(team.Id, ct));
        }).WithSummary("Form a team: organizationId (a township committee or village branch), name, formedOn").RequireAuthorization(Policies.Editors);
        api.MapGet("/teams/{id:long}", async (ServiceTeamWork w, long id, CancellationToken ct) => TypedResults.Ok(await w.DetailsAsync(id, ct)))
            .WithSummary("A team: members by place, the households (masked), the latest visits");
        api.MapPost("/teams/{id:long}/members", async (ServiceTeamWork w, long id, AddTeamMember r, CancellationToken ct) =>
        {
            await w.AddMemberAsync(id, r, ct);
            return TypedResults.Ok(await w.DetailsAsync(id, ct));
        }).WithSummary("Add a member: name, role (Leader, TownshipCadre, VillageCadre, WorkTeamMember, Specialist), unit").RequireAuthorization(Policies.Editors);
        api.MapDelete("/teams/{id:long}/members/{memberId:long}", async (ServiceTeamWork w, long id, long memberId, CancellationToken ct) =>
        {
            await w.RemoveMemberAsync(id, memberId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a member").RequireAuthorization(Policies.Editors);
        api.MapPost("/teams/{id:long}/households", async (ServiceTeamWork w, long id, PairHousehold r, CancellationToken ct) =>
        {
            var household = await w.PairAsync(id, r, ct);
            return TypedResults.Created($"/api/v1/requests/teams/{id}", new RecordId(household.Id));
        }).WithSummary("Pair a household: organizationId (its village), headName, phone, address, size, reason, pairedOn").RequireAuthorization(Policies.Editors);
        api.MapPost("/households/{id:long}/end", async (ServiceTeamWork w, long id, EndHousehold r, CancellationToken ct) =>
        {
            await w.EndAsync(id, r, ct);
            return TypedResults.NoContent();
        }).WithSummary("End a household's pairing: on, reason (已脱贫, 已搬迁 …)").RequireAuthorization(Policies.Editors);
        api.MapPost("/households/{id:long}/visits", async (ServiceTeamWork w, long id, RecordVisit r, CancellationToken ct) =>
        {
            var visit = await w.VisitAsync(id, r, ct);
            return TypedResults.Created($"/api/v1/requests/households/{id}", new RecordId(visit.Id));
        }).WithSummary("Record a visit: on, visitors, notes, help (Policy, Industry, Employment, Relief, Medical, Education, Other), amount in yuan");
        api.MapPost("/households/{id:long}/reveal", async (ServiceTeamWork w, long id, CancellationToken ct) => TypedResults.Ok(await w.RevealAsync(id, ct)))
            .WithSummary("A household's name, phone and address in full (audited)");

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

        var track = app.MapGroup("/api/v1/requests/track").WithTags("Requests").WithRefusals().AllowAnonymous();
        track.MapPost("/file", async Task<Created<FiledRequestView>> (FileRequestHandler h, PublicLinks links, FileRequest r, CancellationToken ct) =>
            {
                var filed = await h.HandleAsync(r with { Source = RequestSource.PublicPage, GridGroupId = null, ClientKeyId = null, MediaUrl = null }, null, ct);
                return TypedResults.Created($"/api/v1/requests/track", new FiledRequestView(filed.TrackingCode, Link(links, filed), null));
            })
            .WithSummary("File a request without an account (the public page's API): serviceCode, description, address and/or latitude+longitude, attributes {township: [id]}, name, phone; answers the tracking code");
        track.MapGet("/", async (RequestTracking t, [FromHeader(Name = TrackingCodes.Header)] string? code, CancellationToken ct) => TypedResults.Ok(await t.ViewAsync(code, ct)))
            .WithSummary("The resident's view by the tracking code in the X-Tracking-Code header: status, unit, steps and notes");
        track.MapPost("/rating", async (RequestTracking t, [FromHeader(Name = TrackingCodes.Header)] string? code, RateRequest r, CancellationToken ct) =>
                TypedResults.Ok(await t.RateAsync(code, r.Rating, ct)))
            .WithSummary("Rate the handling once it is closed: rating (Satisfied, FairlySatisfied, Dissatisfied)");
        return app;
    }

    private static string? Link(PublicLinks links, FiledRequest filed) =>
        filed.TrackingCode is { } code ? links.To("/Public/Requests/Track") + "#" + code : null;
}

/// <summary>The id of a record just made.</summary>
public sealed record RecordId(long Id);

/// <summary>A request registered: the resident's tracking code and link, shown this once; the request itself for staff.</summary>
public sealed record FiledRequestView(string? TrackingCode, string? TrackingLink, RequestDetails? Request);

public sealed record GridGroupView(long Id, string Name, GridLevel Level, long? ParentId, long OrganizationId, int Members, string? Keeper)
{
    public static GridGroupView Of(GridGroup g) => new(g.Id, g.Name, g.Level, g.ParentId, g.OrganizationId, g.Members, g.Keeper);
}

/// <summary>An Open311 client's key, with the secret shown this once.</summary>
public sealed record IssuedKey(Open311KeyView Key, string ApiKey);
