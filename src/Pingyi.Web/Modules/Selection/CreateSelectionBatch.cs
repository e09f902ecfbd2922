using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

public sealed record NewPost(string? Title, long OrganizationId, string? Rank, int? Places, int? MinAge, int? MaxAge, int? MinYearsInPost, string? Education, string? Field);

/// <summary>A batch: its title, year, the selecting organization, the nomination window and its open posts.</summary>
public sealed record CreateSelectionBatch(string? Title, int Year, long OrganizationId, DateOnly? NominationFrom, DateOnly? NominationUntil, IReadOnlyList<NewPost>? Posts);

/// <summary>
/// Drafts a batch of open posts (职位空缺预告) in the caller's subtree; every mistake beside its field (a post's by its number),
/// nothing saved until all hold; audited. It is published separately.
/// </summary>
public sealed class CreateSelectionBatchHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public const int MostPosts = 30;

    public async Task<SelectionBatch> HandleAsync(CreateSelectionBatch request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var title = (request.Title ?? string.Empty).Trim();
        var posts = (request.Posts ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Title)).ToList();
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var errors = new FieldErrors()
            .Check(title.Length is > 0 and <= SelectionBatch.TitleMax, "title", $"请填写批次名称（不超过{SelectionBatch.TitleMax}字）")
            .Check(Years.Valid(request.Year), "year", "年度应在 2000 到 2100 之间")
            .Check(request.NominationFrom is not null, "nominationFrom", "请填写提名开始日期")
            .Check(request.NominationUntil is not null, "nominationUntil", "请填写提名截止日期")
            .Check(request.NominationFrom is null || request.NominationUntil is null || request.NominationUntil >= request.NominationFrom, "nominationUntil", "提名截止日期不能早于开始日期")
            .Check(posts.Count is > 0 and <= MostPosts, "posts", $"请填写 1 到 {MostPosts} 个空缺职位");
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            var n = i + 1;
            errors.Check(p.Title!.Trim().Length <= SelectionPost.TextMax, $"posts[{i}].title", $"第 {n} 个职位：名称不超过{SelectionPost.TextMax}字")
                .Check(p.Places is >= 1 and <= 20, $"posts[{i}].places", $"第 {n} 个职位：职数应为 1 到 20")
                .Check(p.MinAge is null or (>= 18 and <= 70), $"posts[{i}].minAge", $"第 {n} 个职位：最低年龄应在 18 到 70 岁之间")
                .Check(p.MaxAge is null or (>= 18 and <= 70), $"posts[{i}].maxAge", $"第 {n} 个职位：最高年龄应在 18 到 70 岁之间")
                .Check(p.MinAge is null || p.MaxAge is null || p.MaxAge >= p.MinAge, $"posts[{i}].maxAge", $"第 {n} 个职位：最高年龄不能低于最低年龄")
                .Check(p.MinYearsInPost is null or (>= 0 and <= 30), $"posts[{i}].minYearsInPost", $"第 {n} 个职位：任现职年限应为 0 到 30 年")
                .Check(PersonNames.TryParseEducation(p.Education, out _), $"posts[{i}].education", $"第 {n} 个职位：学历要求可填研究生、大学本科、大学专科、高中（中专）或初中（可加“以上”），不限则留空")
                .Check((Text(p.Rank)?.Length ?? 0) <= SelectionPost.TextMax && (Text(p.Field)?.Length ?? 0) <= SelectionPost.TextMax,
                    $"posts[{i}].rank", $"第 {n} 个职位：职级、专业领域各不超过{SelectionPost.TextMax}字");
        }
        errors.ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        var batch = new SelectionBatch
        {
            Title = title, Year = request.Year, OrganizationId = organization.Id, NominationFrom = request.NominationFrom!.Value, NominationUntil = request.NominationUntil!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            var where = await scope.OrganizationAsync(p.OrganizationId, ct);
            PersonNames.TryParseEducation(p.Education, out var education);
            batch.Posts.Add(new SelectionPost
            {
                Title = p.Title!.Trim(), OrganizationId = where.Id, Rank = Text(p.Rank), Places = p.Places!.Value, MinAge = p.MinAge, MaxAge = p.MaxAge,
                MinYearsInPost = p.MinYearsInPost, MinEducation = education, Education = SelectionPost.EducationText(education), Field = Text(p.Field),
            });
        }
        db.SelectionBatches.Add(batch);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.batch", nameof(SelectionBatch), batch.Id, organization.Path,
            new { title, year = batch.Year, from = batch.NominationFrom, until = batch.NominationUntil, posts = batch.Posts.Select(p => new { p.Title, p.Places }) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return batch;
    }
}
