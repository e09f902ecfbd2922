using Microsoft.AspNetCore.Identity;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>An account; it acts within the subtree of <see cref="OrganizationId"/>.</summary>
public sealed class AppUser : IdentityUser<long>
{
    public string DisplayName { get; set; } = string.Empty;

    public long OrganizationId { get; set; }
}

public static class Roles
{
    public const string SystemAdministrator = "SystemAdministrator";
    public const string OrganizationDepartment = "OrganizationDepartment";
    public const string OrganizationAdministrator = "OrganizationAdministrator";
    public const string Secretary = "Secretary";
    public const string DisciplineInspection = "DisciplineInspection";
    public const string Supervisor = "Supervisor";

    public static readonly string[] All =
        [SystemAdministrator, OrganizationDepartment, OrganizationAdministrator, Secretary, DisciplineInspection, Supervisor];
}
