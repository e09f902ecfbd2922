namespace Pingyi.Core.Organizations;

/// <summary>The tier of an organization in the party tree.</summary>
public enum OrganizationLevel
{
    CountyCommittee = 1,
    TownshipCommittee = 2,
    WorkingCommittee = 3,
    GeneralBranch = 4,
    Branch = 5,
    PartyGroup = 6,

    /// <summary>A city committee (市委) above its counties, for a deployment that serves more than one county.</summary>
    MunicipalCommittee = 7,

    /// <summary>A provincial committee (省委) above its cities or counties: the root of a province's tree.</summary>
    ProvincialCommittee = 8,
}

/// <summary>Where a grassroots organization is set up.</summary>
public enum OrganizationCategory
{
    None = 0,
    Village = 1,
    Community = 2,
    GovernmentUnit = 3,
    NonPublicEnterprise = 4,
    SocialOrganization = 5,
    IndustryChain = 6,
    TemporaryProject = 7,
}

public enum OrganizationStatus
{
    Active = 1,
    Merged = 2,
    Dissolved = 3,
}

public static class OrganizationNames
{
    private static readonly Dictionary<OrganizationLevel, string> LevelNames = new()
    {
        [OrganizationLevel.ProvincialCommittee] = "省委",
        [OrganizationLevel.MunicipalCommittee] = "市委",
        [OrganizationLevel.CountyCommittee] = "县委",
        [OrganizationLevel.TownshipCommittee] = "乡镇党委",
        [OrganizationLevel.WorkingCommittee] = "工委",
        [OrganizationLevel.GeneralBranch] = "党总支",
        [OrganizationLevel.Branch] = "党支部",
        [OrganizationLevel.PartyGroup] = "党小组",
    };

    private static readonly Dictionary<OrganizationCategory, string> CategoryNames = new()
    {
        [OrganizationCategory.None] = "",
        [OrganizationCategory.Village] = "村",
        [OrganizationCategory.Community] = "社区",
        [OrganizationCategory.GovernmentUnit] = "机关",
        [OrganizationCategory.NonPublicEnterprise] = "非公企业",
        [OrganizationCategory.SocialOrganization] = "社会组织",
        [OrganizationCategory.IndustryChain] = "产业链",
        [OrganizationCategory.TemporaryProject] = "临时党支部",
    };

    public static string Chinese(this OrganizationLevel level) => LevelNames[level];

    /// <summary>The tiers from the top down (省委 first), the order of every list of levels.</summary>
    public static IReadOnlyList<OrganizationLevel> TopDown { get; } = [.. LevelNames.Keys];

    /// <summary>A committee over counties (省委, 市委): a deployment of more than one county.</summary>
    public static bool IsAboveCounty(this OrganizationLevel level) =>
        level is OrganizationLevel.MunicipalCommittee or OrganizationLevel.ProvincialCommittee;

    /// <summary>A committee over counties or the county itself: the tiers a county's own figures never count as its organizations.</summary>
    public static bool IsCountyOrAbove(this OrganizationLevel level) => level == OrganizationLevel.CountyCommittee || level.IsAboveCounty();

    /// <summary>A name without what every committee's name repeats, for chart labels: 中共城关镇委员会 → 城关镇.</summary>
    public static string Short(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name.StartsWith("中共", StringComparison.Ordinal) ? name[2..] : name, "(工作委员会|委员会|党委)$", string.Empty);

    public static string Chinese(this OrganizationCategory category) => CategoryNames[category];

    public static string Chinese(this OrganizationStatus status) => status switch
    {
        OrganizationStatus.Active => "正常",
        OrganizationStatus.Merged => "已合并",
        _ => "已撤销",
    };

    public static bool TryParseLevel(string? text, out OrganizationLevel level)
    {
        var t = (text ?? string.Empty).Trim();
        foreach (var (key, name) in LevelNames)
        {
            if (name == t || string.Equals(key.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                level = key;
                return true;
            }
        }
        // Common spellings seen in county workbooks.
        level = t switch
        {
            "乡镇党委" or "镇党委" or "乡党委" or "街道党工委" => OrganizationLevel.TownshipCommittee,
            "支部" => OrganizationLevel.Branch,
            "总支" => OrganizationLevel.GeneralBranch,
            _ => 0,
        };
        return level != 0;
    }

    public static bool TryParseCategory(string? text, out OrganizationCategory category)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0 || t is "-" or "—" or "无")
        {
            category = OrganizationCategory.None;
            return true;
        }
        foreach (var (key, name) in CategoryNames)
        {
            if ((name.Length > 0 && name == t) || string.Equals(key.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                category = key;
                return true;
            }
        }
        category = t switch
        {
            "临时" or "项目" => OrganizationCategory.TemporaryProject,
            "企业" => OrganizationCategory.NonPublicEnterprise,
            _ => (OrganizationCategory)(-1),
        };
        return (int)category >= 0;
    }

    /// <summary>Which tiers may sit directly under which: a branch never holds a township.</summary>
    public static bool CanContain(OrganizationLevel parent, OrganizationLevel child) => parent switch
    {
        OrganizationLevel.ProvincialCommittee => child is OrganizationLevel.MunicipalCommittee or OrganizationLevel.CountyCommittee,
        OrganizationLevel.MunicipalCommittee => child is OrganizationLevel.CountyCommittee,
        OrganizationLevel.CountyCommittee => !child.IsCountyOrAbove(),
        OrganizationLevel.TownshipCommittee or OrganizationLevel.WorkingCommittee =>
            child is OrganizationLevel.GeneralBranch or OrganizationLevel.Branch or OrganizationLevel.PartyGroup,
        OrganizationLevel.GeneralBranch => child is OrganizationLevel.Branch or OrganizationLevel.PartyGroup,
        OrganizationLevel.Branch => child is OrganizationLevel.PartyGroup,
        _ => false,
    };
}
