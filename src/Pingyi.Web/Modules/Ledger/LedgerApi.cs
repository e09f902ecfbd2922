using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Ledger;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Ledger;

public static class LedgerApi
{
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ledger").WithTags("Ledger").WithRefusals().RequireAuthorization();
        api.MapGet("/", List).WithSummary("Ledger items in the caller's scope (responsible or supervising), filtered by state, category, source, overdue, organization (organizationId) or subtree (under), deadline between dueFrom and dueTo");
        api.MapGet("/export", Export).WithSummary("The ledger as Excel in the customary layout: 序号, 问题, 类别, 责任单位, 责任人, 整改措施, 时限, 进展, 状态, 销号时间");
        api.MapPost("/import", Import)
            .WithSummary("Import items from the export's layout (.xlsx or .csv, multipart field 'file'); all rows or none, dryRun=true checks only; errors give row, column and reason")
            .RequireAuthorization(Policies.LedgerStaff);
        api.MapGet("/dashboard", async Task<Ok<LedgerDashboardView>> (LedgerDashboard d, long? root, CancellationToken ct) => TypedResults.Ok(await d.GetAsync(root, ct)))
            .WithSummary("Open, overdue and closed counts for an organization's subtree (default: the caller's), by the organizations directly below it and by category");
        api.MapGet("/{id:long}", Get).WithSummary("One ledger item with its history of changes");
        api.MapPost("/", Create).WithSummary("Add an item by hand").RequireAuthorization(Policies.LedgerStaff);
        api.MapPost("/{id:long}/start", (ActOnLedgerItemHandler h, long id, LedgerChange? c, CancellationToken ct) => h.HandleAsync(id, LedgerAction.Start, c?.Text, ct))
            .WithSummary("The responsible organization starts work (待整改 → 整改中), optionally with progress");
        api.MapPost("/{id:long}/submit", (ActOnLedgerItemHandler h, long id, LedgerChange? c, CancellationToken ct) => h.HandleAsync(id, LedgerAction.Submit, c?.Text, ct))
            .WithSummary("Report the item rectified for verification (整改中 → 已整改待验收)");
        api.MapPost("/{id:long}/close-out", (ActOnLedgerItemHandler h, long id, LedgerChange? c, CancellationToken ct) => h.HandleAsync(id, LedgerAction.CloseOut, c?.Text, ct))
            .WithSummary("The supervisor closes the item out (销号)");
        api.MapPost("/{id:long}/send-back", (ActOnLedgerItemHandler h, long id, LedgerChange? c, CancellationToken ct) => h.HandleAsync(id, LedgerAction.SendBack, c?.Text, ct))
            .WithSummary("The supervisor sends the item back with a reason (已整改待验收 → 整改中)");
        api.MapPost("/{id:long}/progress", Progress)
            .WithSummary("Report progress with up to ten evidence files (images, PDF, Office; ≤ 20 MB each); multipart form: text, files");
        api.MapGet("/{id:long}/evidence", (LedgerQueries q, long id, CancellationToken ct) => q.EvidenceAsync(id, ct)).WithSummary("The evidence files of an item");
        api.MapGet("/{id:long}/evidence/{evidenceId:long}", Evidence).WithSummary("One evidence file, only within scope");
        api.MapPost("/{id:long}/extend", (ExtendDeadlineHandler h, long id, ExtendDeadline r, CancellationToken ct) => h.HandleAsync(id, r, ct))
            .WithSummary("Move the deadline later, with a reason; the old deadline is kept in the history");
        return app;
    }

    private static async Task<Ok<Paged<LedgerItemView>>> List(LedgerQueries s, string? q, LedgerState? state, string? category, LedgerSource? source,
        bool? overdue, long? organizationId, long? under, DateOnly? dueFrom, DateOnly? dueTo, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(new LedgerFilter(q, state, category, source, overdue, organizationId, page, pageSize, under, dueFrom, dueTo), ct));

    public static readonly string[] Columns = ["序号", "问题", "类别", "责任单位", "责任人", "整改措施", "时限", "进展", "状态", "销号时间"];

    private static async Task<IResult> Export(LedgerQueries s, TimeProvider clock, string? q, LedgerState? state, string? category, LedgerSource? source,
        bool? overdue, long? organizationId, long? under, DateOnly? dueFrom, DateOnly? dueTo, CancellationToken ct)
    {
        var output = new MemoryStream();
        using (var writer = new Imports.TableWriter(output, Imports.TableFormat.Xlsx, "整改台账", Columns, [6, 40, 12, 24, 10, 30, 12, 30, 12, 18],
            $"整改台账（{ChinaTime.ChineseDate(ChinaTime.Today(clock))}导出）"))
        {
            var n = 0;
            for (var page = 1; ; page++)
            {
                var batch = await s.ListAsync(new LedgerFilter(q, state, category, source, overdue, organizationId, page, Paging.MaxPageSize, under, dueFrom, dueTo), ct);
                foreach (var i in batch.Items)
                {
                    writer.WriteRow([(++n).ToString(System.Globalization.CultureInfo.InvariantCulture), i.Description, i.Category, i.ResponsibleOrganization,
                        i.ResponsiblePersonName, i.Measures, i.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.Progress,
                        LedgerWorkflow.Chinese(i.State) + (i.Overdue ? "（逾期）" : ""), i.ClosedOutAt is { } c ? ChinaTime.DateTimeText(c) : null]);
                }
                if (page >= batch.Pages)
                {
                    break;
                }
            }
        }
        return Results.File(output.ToArray(), Imports.Exports.ContentType(Imports.TableFormat.Xlsx), $"整改台账-{ChinaTime.Today(clock):yyyyMMdd}.xlsx");
    }

    private static async Task<Results<Ok<Imports.ImportReport>, UnprocessableEntity<Imports.ImportReport>, ProblemHttpResult>> Import(
        IFormFile? file, bool? dryRun, LedgerImport import, CancellationToken ct) =>
        await Imports.ImportEndpoint.RunAsync(file, "台账文件", (stream, name) => import.RunAsync(stream, name, dryRun ?? false, ct));

    private static async Task<Ok<LedgerItemView>> Progress(ReportProgressHandler h, long id, [Microsoft.AspNetCore.Mvc.FromForm] string? text, IFormFileCollection? files, CancellationToken ct) =>
        TypedResults.Ok(await h.HandleAsync(id, text, [.. files ?? new FormFileCollection()], ct));

    private static async Task<IResult> Evidence(LedgerQueries s, long id, long evidenceId, CancellationToken ct)
    {
        var (content, name) = await s.OpenEvidenceAsync(id, evidenceId, ct);
        return Results.File(content, FileStore.ContentTypeOf(name), name);
    }

    private static async Task<Results<Ok<LedgerItemView>, NotFound>> Get(LedgerQueries s, long id, CancellationToken ct) =>
        await s.GetAsync(id, ct) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound();

    private static async Task<Created<LedgerItemView>> Create(CreateLedgerItemHandler h, CreateLedgerItem request, CancellationToken ct)
    {
        var item = await h.HandleAsync(request, ct);
        return TypedResults.Created($"/api/v1/ledger/{item.Id}", item);
    }
}
