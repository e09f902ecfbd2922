namespace Pingyi.Core.People;

public enum MemberStatus
{
    /// <summary>Not a party member: a resident or a non-member cadre.</summary>
    None = 0,
    Probationary = 1,
    Full = 2,
}

[Flags]
public enum RepresentativeRoles
{
    None = 0,
    PartyCongress = 1,
    PeoplesCongress = 2,
    Cppcc = 4,
}

public enum Gender
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}

public static class PersonNames
{
    public static string Chinese(this MemberStatus status) => status switch
    {
        MemberStatus.Full => "正式党员",
        MemberStatus.Probationary => "预备党员",
        _ => "群众",
    };

    public static bool TryParseMemberStatus(string? text, out MemberStatus status)
    {
        status = (text ?? string.Empty).Trim() switch
        {
            "正式党员" or "正式" or "Full" => MemberStatus.Full,
            "预备党员" or "预备" or "Probationary" => MemberStatus.Probationary,
            "群众" or "" or "None" => MemberStatus.None,
            _ => (MemberStatus)(-1),
        };
        return status >= 0;
    }

    public static string Chinese(this RepresentativeRoles roles)
    {
        var parts = new List<string>(3);
        if (roles.HasFlag(RepresentativeRoles.PartyCongress)) parts.Add("党代表");
        if (roles.HasFlag(RepresentativeRoles.PeoplesCongress)) parts.Add("人大代表");
        if (roles.HasFlag(RepresentativeRoles.Cppcc)) parts.Add("政协委员");
        return string.Join("、", parts);
    }

    public static bool TryParseRepresentativeRoles(string? text, out RepresentativeRoles roles)
    {
        roles = RepresentativeRoles.None;
        foreach (var part in (text ?? string.Empty).Split(['、', ',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case "党代表": roles |= RepresentativeRoles.PartyCongress; break;
                case "人大代表": roles |= RepresentativeRoles.PeoplesCongress; break;
                case "政协委员": roles |= RepresentativeRoles.Cppcc; break;
                case "无" or "-": break;
                default: return false;
            }
        }
        return true;
    }

    public static string Chinese(this Gender gender) => gender switch
    {
        Gender.Male => "男",
        Gender.Female => "女",
        _ => "",
    };
}
