using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Training;

/// <summary>轮训: the year's coverage per township against the target, the courses, and the form that registers a course.</summary>
public sealed class IndexModel(TrainingQueries queries, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int ThisYear { get; private set; }

    public Coverage Coverage { get; private set; } = null!;

    public IReadOnlyList<CourseView> Courses { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year ??= ThisYear;
        Message ??= TempData["Message"] as string;
        Coverage = await queries.CoverageAsync(Year.Value, ct);
        Courses = await queries.CoursesAsync(Year.Value, ct);
        if (CanEdit)
        {
            Organizations = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Committees(), ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? title, CourseKind kind, long organizationId, DateOnly? startOn, DateOnly? endOn, string? place, string? teachers, decimal? hours,
        [FromServices] CreateCourseHandler create, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            var course = await create.HandleAsync(new CreateCourse(title, kind, organizationId, startOn, endOn, place, teachers, hours), ct);
            TempData["Course"] = course.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return localizer["培训“{0}”已登记。请在培训页面导入签到表。", course.Title];
        }, new { year = startOn?.Year }, () => OnGetAsync(ct));
}
