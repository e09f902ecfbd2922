namespace Pingyi.Web.Infrastructure;

/// <summary>
/// A request that breaks a business rule: refused with a readable reason and nothing changed.
/// The API answers it as problem details; pages show the message.
/// </summary>
public sealed class RuleViolation(string message, int statusCode = StatusCodes.Status409Conflict) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static RuleViolation NotFound(string message) => new(message, StatusCodes.Status404NotFound);

    public static RuleViolation Invalid(string message) => new(message, StatusCodes.Status400BadRequest);
}
