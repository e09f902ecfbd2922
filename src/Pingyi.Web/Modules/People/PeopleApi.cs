using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.People;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.People;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/people").WithTags("People").RequireAuthorization();
        api.MapGet("/", List).WithSummary("Paged list of people in the caller's scope; ID and phone numbers masked. q matches a name or a full ID number");
        api.MapGet("/{id:long}", Get).WithSummary("One person with membership history and positions");
        return app;
    }

    private static async Task<Ok<Paged<PersonSummary>>> List(PeopleQueries queries, string? q, long? organizationId, MemberStatus? memberStatus,
        bool? representatives, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new PeopleFilter(q, organizationId, memberStatus, representatives, page, pageSize), ct));

    private static async Task<Results<Ok<PersonDetails>, NotFound>> Get(PeopleQueries queries, long id, CancellationToken ct) =>
        await queries.DetailsAsync(id, ct) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();
}
