using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Awards;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Awards;

/// <summary>A review step of a nomination: recommend (审核通过), reject or withdraw, with the reason.</summary>
public sealed record NominationStep(NominationAction Action, string? Reason);

public static class AwardsApi
{
    public static IEndpointRouteBuilder MapAwardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/awards").WithTags("Awards").WithRefusals().RequireAuthorization();
        api.MapGet("/", async (AwardQueries q, int? year, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(year ?? ChinaTime.Today(clock).Year, ct)))
            .WithSummary("A year's awards (this year by default) the caller sees, with the counts of the nominations they see");
        api.MapPost("/", async Task<Created<AwardView>> (CreateAwardHandler h, CreateAward r, CancellationToken ct) =>
        {
            var award = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/awards/{award.Id}", award);
        }).WithSummary("Open a year's award: year, name, subject (Organization or Person), quota, rules (NoPoorGrade, NoVeto, AdvancedOrStars), organizationId (conferring; the caller's own by default)")
            .RequireAuthorization(Policies.Awarders);
        api.MapPost("/customary/{year:int}", async (CreateAwardHandler h, int year, CancellationToken ct) => TypedResults.Ok(await h.CustomaryAsync(year, null, ct)))
            .WithSummary("Open the customary awards of a year with seed 001's quotas (175 “五好”, 35 先进基层党组织, 100 优秀共产党员, 50 优秀党务工作者, 10 + 2 十佳书记), those not yet opened")
            .RequireAuthorization(Policies.Awarders);
        api.MapGet("/{id:long}", async (AwardQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("An award with the nominations the caller sees (their objections included)");
        api.MapPut("/{id:long}", (ChangeAwardHandler h, long id, ChangeAward r, CancellationToken ct) => h.ChangeAsync(id, r, ct))
            .WithSummary("Correct an award's name, quota (not below those passed) and rules while it takes nominations").RequireAuthorization(Policies.Awarders);
        api.MapDelete("/{id:long}", async (ChangeAwardHandler h, long id, CancellationToken ct) =>
        {
            await h.RemoveAsync(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove an award opened by mistake, before anyone is nominated").RequireAuthorization(Policies.Awarders);
        api.MapGet("/{id:long}/decision.docx", async (AwardDecision decision, long id, CancellationToken ct) => (await decision.ForAsync(id, ct)).ToResult())
            .WithSummary("The decision (表彰决定) in the official format, numbered when published; a draft of the recommended list before");
        api.MapGet("/{id:long}/nominations.xlsx", ExportAsync)
            .WithSummary("The nominations the caller sees as a workbook with a title (提名汇总表): nominee, organization, deeds, state, reason, objections");
        api.MapPost("/{id:long}/nominations", async Task<Created<NominationView>> (NominateHandler h, long id, Nominate r, CancellationToken ct) =>
        {
            var nomination = await h.HandleAsync(id, r, ct);
            return TypedResults.Created($"/api/v1/awards/nominations/{nomination.Id}", nomination);
        }).WithSummary("Nominate an organization (organizationId) or a person (personId) of the caller's subtree, with the deeds; refused with every condition the nominee fails")
            .RequireAuthorization(Policies.Nominators);
        api.MapPost("/nominations/{id:long}/steps", (ActOnNominationHandler h, long id, NominationStep r, CancellationToken ct) => h.HandleAsync(id, r.Action, r.Reason, ct))
            .WithSummary("Review a nomination (Recommend within the quota, Reject with the reason) or Withdraw it with the reason");
        api.MapPost("/{id:long}/publicity", (RunAwardHandler h, long id, StartPublicity? r, CancellationToken ct) => h.StartPublicityAsync(id, r ?? new StartPublicity(null), ct))
            .WithSummary("公示: the recommended list goes public for workingDays working days (5 by default); every nomination must be reviewed")
            .RequireAuthorization(Policies.Awarders);
        api.MapPost("/nominations/{id:long}/objections", async Task<Created<ObjectionView>> (ObjectionsHandler h, long id, RecordObjection r, CancellationToken ct) =>
        {
            var objection = await h.RecordAsync(id, r, ct);
            return TypedResults.Created($"/api/v1/awards/objections/{objection.Id}", objection);
        }).WithSummary("Record an objection to a publicized nomination: text, receivedOn").RequireAuthorization(Policies.Awarders);
        api.MapPost("/objections/{id:long}/resolution", (ObjectionsHandler h, long id, ResolveObjection r, CancellationToken ct) => h.ResolveAsync(id, r, ct))
            .WithSummary("What checking the objection found: upheld (the nomination is withdrawn) or not, with the finding").RequireAuthorization(Policies.Awarders);
        api.MapPost("/{id:long}/approval", (RunAwardHandler h, long id, CancellationToken ct) => h.ApproveAsync(id, ct))
            .WithSummary("批准: after the publicity period, with every objection checked").RequireAuthorization(Policies.Awarders);
        api.MapPost("/{id:long}/publication", (RunAwardHandler h, long id, CancellationToken ct) => h.PublishAsync(id, ct))
            .WithSummary("命名表彰: publish the approved list; the decision gets its number and every awardee's organization is told").RequireAuthorization(Policies.Awarders);
        api.MapGet("/records", async (NomineeRecords records, Scope scope, long? organizationId, long? personId, CancellationToken ct) =>
                TypedResults.Ok(await records.OfScopedAsync(scope, organizationId, personId, ct)))
            .WithSummary("The published awards of an organization (organizationId) or a person (personId) of the caller's subtree");
        return app;
    }

    private static readonly string[] Columns = ["序号", "被提名", "所在党组织", "主要事迹", "状态", "说明", "公示异议及核实", "提名人", "提名时间"];

    private static async Task<IResult> ExportAsync(AwardQueries queries, long id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        var a = details.Award;
        var output = new MemoryStream();
        using (var writer = new Imports.TableWriter(output, Imports.TableFormat.Xlsx, "提名", Columns, [6, 12, 24, 40, 10, 24, 40, 12, 18], $"{a.Title}提名汇总表"))
        {
            foreach (var (n, i) in details.Nominations.Select((n, i) => (n, i)))
            {
                var state = a.Stage == AwardStage.Published && n.State == NominationState.Recommended ? "已表彰" : AwardWorkflow.Chinese(n.State);
                var objections = string.Join("；", n.Objections.Select(o => $"{ChinaTime.ChineseDate(o.ReceivedOn)}：{o.Text}" +
                    (o.Upheld is { } upheld ? $"（{(upheld ? "属实" : "不属实")}：{o.Finding}）" : "（待核实）")));
                writer.WriteRow([(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), n.PersonName ?? n.Organization, n.Organization, n.Deeds, state, n.Reason,
                    objections.Length == 0 ? null : objections, n.NominatedBy, ChinaTime.ToChina(n.NominatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
        return Results.File(output.ToArray(), Imports.Exports.ContentType(Imports.TableFormat.Xlsx), $"{a.Title}提名汇总表.xlsx");
    }
}
