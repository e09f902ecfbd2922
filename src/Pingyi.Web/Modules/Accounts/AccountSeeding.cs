using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public static class AccountSeeding
{
    /// <summary>
    /// Creates the roles and, on an empty database, the first administrator bound to the root
    /// organization. The password comes from PINGYI_ADMIN_PASSWORD or is generated and printed once.
    /// </summary>
    public static async Task EnsureAdministratorAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, bool withDemoAccounts = false)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<long>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<long>(role));
            }
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync())
        {
            return;
        }
        var db = services.GetRequiredService<PingyiDbContext>();
        var root = await db.Organizations.OrderBy(o => o.Depth).ThenBy(o => o.Id).FirstOrDefaultAsync();
        if (root is null)
        {
            return;
        }
        var password = configuration["PINGYI_ADMIN_PASSWORD"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = "Py-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        }
        // The accounts, their roles and their audit entries commit together.
        await using var work = await db.BeginWorkAsync();
        var admin = new AppUser { UserName = "admin", DisplayName = "系统管理员", OrganizationId = root.Id, LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Cannot create the administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRolesAsync(admin, [Roles.SystemAdministrator, Roles.OrganizationDepartment]);
        services.GetRequiredService<AuditLog>().Record("account.create", "Account", admin.Id, root.Path, new { user = "admin", roles = "SystemAdministrator,OrganizationDepartment" });
        await db.SaveChangesAsync();
        var demo = new List<string>();
        if (withDemoAccounts)
        {
            // So a newcomer can try the county as the organization department and as one township sees it.
            foreach (var (userName, display, code, role) in new[]
                     {
                         ("zuzhibu", "县委组织部", (string?)null, Roles.OrganizationDepartment),
                         ("chengguan", "城关镇党委管理员", "T01", Roles.OrganizationAdministrator),
                         // The integrity review before appointment: the discipline body assesses, its secretary and the party secretary sign.
                         ("jiwei", "县纪委监委干部室", null, Roles.DisciplineInspection),
                         ("jiweishuji", "县纪委书记", null, Roles.DisciplineInspection),
                         ("xianweishuji", "县委书记", null, Roles.Secretary),
                     })
            {
                var organization = code is null ? root : await db.Organizations.FirstOrDefaultAsync(o => o.Code == code);
                if (organization is null)
                {
                    continue;
                }
                var account = new AppUser { UserName = userName, DisplayName = display, OrganizationId = organization.Id, LockoutEnabled = true };
                if ((await users.CreateAsync(account, password!)).Succeeded)
                {
                    await users.AddToRoleAsync(account, role);
                    services.GetRequiredService<AuditLog>().Record("account.create", "Account", account.Id, organization.Path, new { user = userName, roles = role });
                    demo.Add($"{userName}（{display}）");
                }
            }
            await db.SaveChangesAsync();
        }
        await work.CommitAsync();
        if (generated)
        {
            // Printed once, on the console only, never to the log files.
            Console.WriteLine();
            Console.WriteLine("  管理员账号 / administrator: admin");
            Console.WriteLine($"  初始密码 / password (shown once): {password}");
        }
        if (demo.Count > 0)
        {
            Console.WriteLine($"  演示账号 / demo accounts (same password): {string.Join("、", demo)}");
        }
        Console.WriteLine();
        logger.LogInformation("Administrator account 'admin' created");
    }
}
