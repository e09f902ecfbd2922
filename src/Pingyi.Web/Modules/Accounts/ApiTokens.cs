using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public sealed record CreatedToken(long Id, string Name, string Token, DateTime ExpiresAt);

public sealed record TokenInfo(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>Creates, lists and revokes personal access tokens.</summary>
public sealed class ApiTokens(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    public async Task<CreatedToken> CreateAsync(AppUser user, string? name, int? days, CancellationToken ct = default)
    {
        var lifetime = days ?? DefaultDays;
        if (lifetime is < 1 or > MaxDays)
        {
            throw RuleViolation.Invalid($"有效期应为1至{MaxDays}天");
        }
        var label = string.IsNullOrWhiteSpace(name) ? "API" : name.Trim();
        if (label.Length > 100)
        {
            throw RuleViolation.Invalid("名称不超过100个字符");
        }
        var secret = ApiToken.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken { UserId = user.Id, Name = label, Prefix = secret[..10], Hash = ApiToken.HashOf(secret), CreatedAt = now, ExpiresAt = now.AddDays(lifetime) };
        db.Add(token);
        var path = await db.Organizations.Where(o => o.Id == user.OrganizationId).Select(o => o.Path).FirstOrDefaultAsync(ct);
        audit.Record("token.create", nameof(ApiToken), null, path, new { user = user.UserName, name = label, token.Prefix, expiresAt = token.ExpiresAt }, user.UserName);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(token.Id, label, secret, token.ExpiresAt);
    }

    public Task<List<TokenInfo>> ListAsync(long userId, CancellationToken ct = default) =>
        db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new TokenInfo(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToListAsync(ct);

    public async Task RevokeAsync(AppUser user, long id, CancellationToken ct = default)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id, ct)
            ?? throw RuleViolation.NotFound("令牌不存在");
        if (token.RevokedAt is not null)
        {
            return;
        }
        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        var path = await db.Organizations.Where(o => o.Id == user.OrganizationId).Select(o => o.Path).FirstOrDefaultAsync(ct);
        audit.Record("token.revoke", nameof(ApiToken), id, path, new { user = user.UserName, token.Prefix });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Authenticates "Authorization: Bearer pyt_…" against the stored token hashes.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PingyiDbContext db, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        var hash = ApiToken.HashOf(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("invalid, revoked or expired token");
        }
        var user = await users.FindByIdAsync(token.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Failed passwords lock password sign-in only: a token already issued keeps working, or anyone who knows a user
        // name could cut off that user's integrations with five wrong guesses (OWASP ASVS 2.2.1). An account an
        // administrator has locked refuses its tokens as well.
        if (user is null || LockAccountHandler.LockedByAdministrator(user))
        {
            return AuthenticateResult.Fail("account unavailable");
        }
        // Last use is kept to the minute, so a busy client does not write on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.Set<ApiToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
