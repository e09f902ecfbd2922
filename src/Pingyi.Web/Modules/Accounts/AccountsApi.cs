using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

public static class AccountsApi
{
    public sealed record PasswordRequest(string Password);

    public sealed record UpdateRequest(long OrganizationId, string[] Roles);

    public static IEndpointRouteBuilder MapAccountAdministrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/accounts").WithTags("Accounts").WithRefusals().RequireAuthorization(Accounts.Policies.Editors);
        api.MapGet("/", (AccountAdministration accounts, string? q, int? page, CancellationToken ct) => accounts.ListAsync(q, page, ct))
            .WithSummary("Accounts bound to organizations in the caller's subtree");
        api.MapPost("/", Create).WithSummary("Create an account in the caller's subtree with roles the caller may grant");
        api.MapPut("/{id:long}", async (UpdateAccountHandler update, long id, UpdateRequest request, CancellationToken ct) =>
        {
            await update.HandleAsync(id, request.OrganizationId, request.Roles, ct);
            return TypedResults.NoContent();
        }).WithSummary("Move an account to another organization in scope and set its roles");
        api.MapPost("/{id:long}/lock", async (LockAccountHandler lockAccount, long id, CancellationToken ct) =>
        {
            await lockAccount.HandleAsync(id, true, ct);
            return TypedResults.NoContent();
        }).WithSummary("Lock an account until it is unlocked");
        api.MapPost("/{id:long}/unlock", async (LockAccountHandler lockAccount, long id, CancellationToken ct) =>
        {
            await lockAccount.HandleAsync(id, false, ct);
            return TypedResults.NoContent();
        }).WithSummary("Unlock an account and reset its failure count");
        api.MapPost("/{id:long}/password", async (ResetPasswordHandler reset, long id, PasswordRequest request, CancellationToken ct) =>
        {
            await reset.HandleAsync(id, request.Password, ct);
            return TypedResults.NoContent();
        }).WithSummary("Set a new password for an account");
        return app;
    }

    private static async Task<Created<AccountSummary>> Create(CreateAccountHandler create, AccountAdministration accounts, CreateAccount request, CancellationToken ct)
    {
        var user = await create.HandleAsync(request, ct);
        var listed = (await accounts.ListAsync(user.UserName, 1, ct)).Items.First(a => a.Id == user.Id);
        return TypedResults.Created($"/api/v1/accounts/{user.Id}", listed);
    }
}
