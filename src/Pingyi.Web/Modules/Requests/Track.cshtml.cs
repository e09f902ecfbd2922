using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Core.Petitions;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// 诉求查询 (no account): the tracking code (from the link's fragment, never in a logged URL, or typed) shows the request's status,
/// the unit holding it and its notes; once closed the resident rates the handling. Every action posts the code again.
/// </summary>
[AllowAnonymous]
public sealed class TrackModel(RequestTracking tracking) : FormPageModel
{
    public TrackedRequest? Item { get; private set; }

    public string? Code { get; private set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(string? code, CancellationToken ct) => Show(code, () => tracking.ViewAsync(code, ct), null);

    public Task<IActionResult> OnPostRateAsync(string? code, PetitionRating? rating, CancellationToken ct) =>
        Show(code, () => tracking.RateAsync(code, rating, ct), "感谢您的评价。");

    private async Task<IActionResult> Show(string? code, Func<Task<TrackedRequest>> action, string? done)
    {
        Code = code?.Trim();
        try
        {
            Item = await action();
            Message = done;
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            if (e.StatusCode != StatusCodes.Status404NotFound && e.StatusCode != StatusCodes.Status422UnprocessableEntity)
            {
                Item = await tracking.ViewAsync(code, HttpContext.RequestAborted);
            }
        }
        return Page();
    }
}
