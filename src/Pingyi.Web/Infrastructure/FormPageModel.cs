using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// A page whose forms can be refused: the refusal's sentence above the form, every failed field's message beside its
/// field (<c>_FormErrors</c> and <see cref="Invalid"/>), and what was typed shown again (<see cref="Typed"/>).
/// </summary>
public abstract class FormPageModel : PageModel
{
    private readonly Dictionary<string, string> _fieldErrors = new(StringComparer.OrdinalIgnoreCase);

    private readonly List<string> _messages = [];

    /// <summary>Every message of the refusal, in order (the list above the form: as many as the count it gives).</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>The sentence above the form, or null when nothing was refused.</summary>
    public string? Error { get; protected set; }

    /// <summary>Each refused field's message, by the field's form name.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors => _fieldErrors;

    /// <summary>The page handler of the refused form ("Create", "Update"…; empty for the page's only form), null when nothing was refused.</summary>
    public string? RefusedForm { get; private set; }

    /// <summary>Whether this form was the one refused (a page with several forms opens that one again).</summary>
    public bool IsRefused(string form) => string.Equals(RefusedForm, form, StringComparison.OrdinalIgnoreCase);

    /// <summary>A field's message; <paramref name="form"/> names the form on a page that has several.</summary>
    public string? FieldError(string field, string? form = null) => Mine(form) ? _fieldErrors.GetValueOrDefault(field) : null;

    /// <summary>The Bootstrap class that marks a refused field.</summary>
    public string Invalid(string field, string? form = null) => FieldError(field, form) is null ? string.Empty : "is-invalid";

    /// <summary>What was posted for a field, to show it again on a refused form; null on a fresh page or for another form.</summary>
    public string? Typed(string field, string? form = null) => Request.HasFormContentType && Mine(form) ? Request.Form[field].ToString() : null;

    /// <summary>Every value posted for a field with several (check boxes, a multiple select); empty on a fresh page.</summary>
    public IReadOnlyList<string> TypedAll(string field, string? form = null) =>
        Request.HasFormContentType && Mine(form) ? [.. Request.Form[field].Select(v => v ?? string.Empty)] : [];

    private bool Mine(string? form) => RefusedForm is not null && (form is null || IsRefused(form));

    /// <summary>Shows a refusal: one sentence for one mistake, a count above the list for several.</summary>
    public void Refuse(RuleViolation refusal)
    {
        RefusedForm = Request.Query["handler"].ToString();
        foreach (var (field, message) in refusal.Errors)
        {
            // A field that fails two checks shows both beside it.
            _fieldErrors[field] = _fieldErrors.TryGetValue(field, out var before) ? before + " " + message : message;
            _messages.Add(message);
        }
        var localizer = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<UiText>>();
        Error = refusal.Errors.Count > 1 ? localizer["请修改以下 {0} 处后再保存。", refusal.Errors.Count] : refusal.Message;
    }
}
