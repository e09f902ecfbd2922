using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using QRCoder;

namespace Pingyi.Web.Modules.Accounts;

public sealed record TwoFactorSetup(bool Enabled, bool Required, string? Key, string? Uri, string? QrPngBase64);

/// <summary>
/// Optional TOTP two-factor sign-in (authenticator apps), which a deployment can make mandatory for
/// administrators with Security:RequireTwoFactorForAdministrators.
/// </summary>
public sealed class TwoFactor(UserManager<AppUser> users, AuditLog audit, PingyiDbContext db, IConfiguration configuration)
{
    public const string Claim = "pingyi:2fa";
    private const string Issuer = "Pingyi";

    public bool RequiredFor(System.Security.Claims.ClaimsPrincipal user) =>
        configuration.GetValue("Security:RequireTwoFactorForAdministrators", false)
        && (user.IsInRole(Roles.SystemAdministrator) || user.IsInRole(Roles.OrganizationDepartment) || user.IsInRole(Roles.OrganizationAdministrator));

    public async Task<TwoFactorSetup> SetupAsync(AppUser user, bool required)
    {
        if (user.TwoFactorEnabled)
        {
            return new TwoFactorSetup(true, required, null, null, null);
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return new TwoFactorSetup(false, required, Format(key!), uri, Convert.ToBase64String(png));
    }

    public async Task EnableAsync(AppUser user, string? code, CancellationToken ct = default)
    {
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));
        if (!valid)
        {
            throw RuleViolation.Invalid("验证码不正确：请输入验证器应用当前显示的6位数字");
        }
        await using var work = await db.BeginWorkAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        await RecordAsync(user, "account.2fa-enable", ct);
        await work.CommitAsync(ct);
    }

    public async Task DisableAsync(AppUser user, bool required, CancellationToken ct = default)
    {
        if (required)
        {
            throw new RuleViolation("本系统要求管理员账号使用两步验证，不能关闭");
        }
        await using var work = await db.BeginWorkAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await RecordAsync(user, "account.2fa-disable", ct);
        await work.CommitAsync(ct);
    }

    public Task<bool> VerifyAsync(AppUser user, string? code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));

    public static string Normalize(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private async Task RecordAsync(AppUser user, string action, CancellationToken ct)
    {
        var path = await db.Organizations.Where(o => o.Id == user.OrganizationId).Select(o => o.Path).FirstOrDefaultAsync(ct);
        audit.Record(action, "Account", user.Id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
    }

    private static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
