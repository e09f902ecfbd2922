using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Coverage;

public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/coverage").WithTags("Coverage").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/", async (CoverageQueries queries, NewOrganizationKind? kind, bool? covered, string? q, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(new CoverageFilter(kind, covered, q, page, pageSize), ct)))
            .WithSummary("New economic and social organizations (两新组织) in scope; covered=false: those without a party organization");
        api.MapGet("/summary", async (CoverageQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.SummaryAsync(ct)))
            .WithSummary("Organization coverage of enterprises and of social organizations, and work coverage, per township against the target");
        api.MapGet("/{id:long}", async (CoverageQueries queries, long id, CancellationToken ct) => TypedResults.Ok(await queries.DetailsAsync(id, ct)));
        api.MapPost("/", async Task<Created<NewOrganizationRow>> (SaveNewOrganizationHandler h, CoverageQueries queries, SaveNewOrganization r, CancellationToken ct) =>
        {
            var unit = await h.HandleAsync(r with { Id = null }, ct);
            return TypedResults.Created($"/api/v1/coverage/{unit.Id}", await queries.DetailsAsync(unit.Id, ct));
        }).WithSummary("Register one: name, kind (Enterprise, SocialOrganization), organizationId (its township), employees, members, mode (None, Alone, Joint, Attached), partyOrganizationId, coveredOn, instructor, leaderPersonId")
            .RequireAuthorization(Policies.Editors);
        api.MapPut("/{id:long}", async (SaveNewOrganizationHandler h, CoverageQueries queries, long id, SaveNewOrganization r, CancellationToken ct) =>
        {
            await h.HandleAsync(r with { Id = id }, ct);
            return TypedResults.Ok(await queries.DetailsAsync(id, ct));
        }).WithSummary("Change one: the same fields").RequireAuthorization(Policies.Editors);
        api.MapRegisterSheet<CoverageImport>("两新组织登记表.xlsx", "register of new organizations (an existing name in its township is changed, its linking leader kept)", CoverageSheet.WriteAsync,
            "名称, 类型, 所属乡镇（街道）党组织, 从业人员, 党员人数, 党组织建立方式, 覆盖它的党组织, 建立日期, 党建工作指导员");
        return app;
    }
}
