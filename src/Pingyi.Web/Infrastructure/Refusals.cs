namespace Pingyi.Web.Infrastructure;

/// <summary>The refusal convention of docs/decisions/0011, declared on every API group so OpenAPI shows it.</summary>
public static class Refusals
{
    /// <summary>
    /// 400 a request the endpoint cannot read, 401 not signed in, 403 not allowed, 404 not found or outside
    /// the caller's scope, 409 the current state forbids it, 422 a value fails validation (errors per field).
    /// </summary>
    public static TBuilder WithRefusals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
