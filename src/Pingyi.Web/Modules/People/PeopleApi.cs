using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.People;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.People;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/people").WithTags("People").WithRefusals().RequireAuthorization();
        api.MapGet("/", List).WithSummary("Paged list of people in the caller's scope; ID and phone numbers masked. q matches a name or a full ID number");
        api.MapGet("/{id:long}", Get).WithSummary("One person with membership history and positions");
        var edit = api.MapGroup("/").RequireAuthorization(Accounts.Policies.Editors);
        edit.MapPost("/", Create).WithSummary("Register a person (ID number validated and stored encrypted)");
        edit.MapPut("/{id:long}", Update).WithSummary("Correct a person's name, phone, membership and representative roles");
        edit.MapPost("/{id:long}/transfer", Transfer).WithSummary("Transfer to another organization (组织关系转接); the membership history keeps both");
        edit.MapPost("/{id:long}/positions", Assign).WithSummary("Appoint to a post with its term start");
        edit.MapPost("/{id:long}/positions/{positionId:long}/end", End).WithSummary("End a post's term");
        return app;
    }

    private static async Task<Ok<Paged<PersonSummary>>> List(PeopleQueries queries, string? q, long? organizationId, MemberStatus? memberStatus,
        bool? representatives, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new PeopleFilter(q, organizationId, memberStatus, representatives, page, pageSize), ct));

    private static async Task<Created<PersonDetails>> Create(CreatePersonHandler handler, PeopleQueries queries, CreatePerson request, CancellationToken ct)
    {
        var person = await handler.HandleAsync(request, ct);
        return TypedResults.Created($"/api/v1/people/{person.Id}", (await queries.DetailsAsync(person.Id, ct))!);
    }

    private static async Task<Ok<PersonDetails>> Update(UpdatePersonHandler handler, PeopleQueries queries, long id, UpdatePerson request, CancellationToken ct)
    {
        await handler.HandleAsync(id, request, ct);
        return TypedResults.Ok((await queries.DetailsAsync(id, ct))!);
    }

    private static async Task<Ok<PersonDetails>> Transfer(TransferPersonHandler handler, PeopleQueries queries, long id, TransferPerson request, CancellationToken ct)
    {
        await handler.HandleAsync(id, request, ct);
        return TypedResults.Ok((await queries.DetailsAsync(id, ct))!);
    }

    private static async Task<Ok<PersonDetails>> Assign(AssignPositionHandler handler, PeopleQueries queries, long id, AssignPosition request, CancellationToken ct)
    {
        await handler.HandleAsync(id, request, ct);
        return TypedResults.Ok((await queries.DetailsAsync(id, ct))!);
    }

    private static async Task<Ok<PersonDetails>> End(EndPositionHandler handler, PeopleQueries queries, long id, long positionId, EndPosition request, CancellationToken ct)
    {
        await handler.HandleAsync(id, positionId, request, ct);
        return TypedResults.Ok((await queries.DetailsAsync(id, ct))!);
    }

    private static async Task<Results<Ok<PersonDetails>, NotFound>> Get(PeopleQueries queries, long id, CancellationToken ct) =>
        await queries.DetailsAsync(id, ct) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();
}
