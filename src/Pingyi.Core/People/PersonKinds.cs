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

/// <summary>学历, the highest completed education as a roster records it, lowest first so that levels compare.</summary>
public enum EducationLevel
{
    JuniorOrBelow = 1,
    HighSchool = 2,
    College = 3,
    Bachelor = 4,
    Postgraduate = 5,
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

    public static string Chinese(this EducationLevel level) => level switch
    {
        EducationLevel.JuniorOrBelow => "初中及以下",
        EducationLevel.HighSchool => "高中、中专",
        EducationLevel.College => "大学专科",
        EducationLevel.Bachelor => "大学本科",
        _ => "研究生",
    };

    /// <summary>
    /// A 学历 as rosters and notices write it — 研究生 (硕士, 博士), 大学本科 (本科), 大学专科 (大专, 专科), 高中 (中专, 中职, 技校), 初中 (小学,
    /// 初中及以下) — optionally followed by 以上 or 及以上 (a post's minimum); blank is none. False when it is none of these.
    /// </summary>
    public static bool TryParseEducation(string? text, out EducationLevel? level)
    {
        var t = (text ?? string.Empty).Trim().Replace("学历", string.Empty, StringComparison.Ordinal).Replace("及以上", string.Empty, StringComparison.Ordinal)
            .Replace("以上", string.Empty, StringComparison.Ordinal).Trim();
        level = t switch
        {
            "" => null,
            "研究生" or "硕士" or "博士" or "硕士研究生" or "博士研究生" or nameof(EducationLevel.Postgraduate) => EducationLevel.Postgraduate,
            "大学本科" or "本科" or nameof(EducationLevel.Bachelor) => EducationLevel.Bachelor,
            "大学专科" or "大专" or "专科" or nameof(EducationLevel.College) => EducationLevel.College,
            "高中" or "中专" or "高中、中专" or "高中（中专）" or "中职" or "技校" or nameof(EducationLevel.HighSchool) => EducationLevel.HighSchool,
            "初中" or "小学" or "初中及以下" or nameof(EducationLevel.JuniorOrBelow) => EducationLevel.JuniorOrBelow,
            _ => (EducationLevel?)0,
        };
        if (level == 0)
        {
            level = null;
            return false;
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
