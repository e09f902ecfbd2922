using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Training;

public sealed record CreateCourse(string? Title, CourseKind Kind, long OrganizationId, DateOnly? StartOn, DateOnly? EndOn, string? Place, string? Teachers, decimal? Hours);

/// <summary>Registers a course of an organization in scope; every mistake beside its field; audited.</summary>
public sealed class CreateCourseHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<TrainingCourse> HandleAsync(CreateCourse request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和党委可以登记培训");
        var title = (request.Title ?? string.Empty).Trim();
        var place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        var teachers = string.IsNullOrWhiteSpace(request.Teachers) ? null : request.Teachers.Trim();
        new FieldErrors()
            .Check(title.Length is > 0 and <= TrainingCourse.TitleMax, "title", $"请填写培训名称（不超过{TrainingCourse.TitleMax}字）")
            .Check(Enum.IsDefined(request.Kind), "kind", "请选择培训类别")
            .Check(request.StartOn is not null, "startOn", "请填写开始日期")
            .Check(request.EndOn is not null && (request.StartOn is null || request.EndOn >= request.StartOn), "endOn", "结束日期不能为空，也不能早于开始日期")
            .Check((place?.Length ?? 0) <= TrainingCourse.TextMax, "place", $"地点不超过{TrainingCourse.TextMax}字")
            .Check((teachers?.Length ?? 0) <= TrainingCourse.TextMax, "teachers", $"授课人不超过{TrainingCourse.TextMax}字")
            .Check(request.Hours is > 0 and <= 500, "hours", "学时须在 0 到 500 之间（如 3 天培训计 24 学时）")
            .ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        var course = new TrainingCourse
        {
            Title = title, Kind = request.Kind, OrganizationId = organization.Id, StartOn = request.StartOn!.Value, EndOn = request.EndOn!.Value, Place = place,
            Teachers = teachers, Hours = decimal.Round(request.Hours!.Value, 1), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TrainingCourses.Add(course);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("training.create", nameof(TrainingCourse), course.Id, organization.Path, new { title, kind = request.Kind.ToString(), hours = course.Hours });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return course;
    }
}
