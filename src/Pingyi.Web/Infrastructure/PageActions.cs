using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// How an editing page runs a use case posted from one of its forms: a caller without the right is refused (403);
/// a change that succeeds redirects back with its message (post, redirect, get); a refusal shows its sentence on the
/// same page, rendered by <paramref name="refused"/> after the unsaved change was dropped.
/// </summary>
public static class PageActions
{
    public static async Task<IActionResult> RunAsync(this PageModel page, bool allowed, Func<Task<string>> action, object routeValues,
        Func<RuleViolation, Task<IActionResult>> refused)
    {
        if (!allowed)
        {
            return page.Forbid();
        }
        try
        {
            page.TempData["Message"] = await action();
            return page.RedirectToPage(routeValues);
        }
        catch (RuleViolation e)
        {
            return await refused(e);
        }
    }

    /// <summary>The same for a form page: the refusal shows above the form and beside each field it names.</summary>
    public static Task<IActionResult> RunAsync(this FormPageModel page, bool allowed, Func<Task<string>> action, object routeValues,
        Func<Task<IActionResult>> refused) =>
        RunAsync((PageModel)page, allowed, action, routeValues, refusal =>
        {
            page.Refuse(refusal);
            return refused();
        });
}
