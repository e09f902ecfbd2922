namespace Pingyi.Web.Modules.Organizations;

/// <summary>An organization offered in a selector (its name may be indented to show depth).</summary>
public sealed record OrganizationChoice(long Id, string Name);
