namespace Pingyi.Web.Infrastructure;

/// <summary>
/// Collects every failed check of a form before refusing it, so that the page lists all of them at once and shows each
/// beside its field (the API's 422 names every field too).
/// </summary>
public sealed class FieldErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public FieldErrors Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            _errors.Add((field, message));
        }
        return this;
    }

    public void Add(string field, string message) => _errors.Add((field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw RuleViolation.Invalid(_errors);
        }
    }
}
