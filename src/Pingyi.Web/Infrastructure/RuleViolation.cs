namespace Pingyi.Web.Infrastructure;

/// <summary>
/// A request refused with a readable reason and nothing changed. The API answers it as problem
/// details with the status of the refusal convention (docs/decisions/0011): 403 not allowed, 404 not
/// found or outside the caller's scope, 409 the current state forbids it, 422 a value fails validation
/// (a validation problem naming the field). Pages show the message.
/// </summary>
public sealed class RuleViolation(string message, int statusCode = StatusCodes.Status409Conflict, string? field = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>The request field that failed validation (camelCase, as in the JSON body), for 422.</summary>
    public string? Field { get; } = field;

    /// <summary>The thing does not exist, or lies outside the caller's organization subtree (never say which).</summary>
    public static RuleViolation NotFound(string message) => new(message, StatusCodes.Status404NotFound);

    /// <summary>The caller's role or organization may not do this.</summary>
    public static RuleViolation Forbidden(string message) => new(message, StatusCodes.Status403Forbidden);

    /// <summary>Every failed field when a form is refused as a whole: the page shows each message beside its field.</summary>
    public IReadOnlyList<(string Field, string Message)> Errors { get; private init; } = field is null ? [] : [(field, message)];

    /// <summary>A value fails validation: missing, too long, out of range, badly formed.</summary>
    public static RuleViolation Invalid(string message, string? field = null) => new(message, StatusCodes.Status422UnprocessableEntity, field);

    /// <summary>Several values fail validation at once; the message lists them all.</summary>
    public static RuleViolation Invalid(IReadOnlyList<(string Field, string Message)> errors) =>
        new(string.Join(" ", errors.Select(e => e.Message)), StatusCodes.Status422UnprocessableEntity, errors.FirstOrDefault().Field) { Errors = errors };
}
