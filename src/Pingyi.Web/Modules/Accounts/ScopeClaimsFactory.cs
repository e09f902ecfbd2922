using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>Adds the account's organization to the sign-in cookie; its path is looked up per request.</summary>
public sealed class ScopeClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<long>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<long>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Scope.OrganizationClaim, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim("pingyi:display", user.DisplayName));
        identity.AddClaim(new Claim(TwoFactor.Claim, user.TwoFactorEnabled ? "1" : "0"));
        return identity;
    }
}
