using Pingyi.Core.Archives;

namespace Pingyi.Web.Modules.Archives;

/// <summary>The Chinese names of archive kinds and year rules (one source; pages localize them).</summary>
public static class ArchiveText
{
    public static string Kind(ArchiveKind kind) => kind switch
    {
        ArchiveKind.VillageSecretary => "村党组织书记“一考双评”",
        ArchiveKind.TownshipTeam => "乡镇领导班子季度讲评",
        _ => "乡镇领导干部季度讲评",
    };

    /// <summary>Who hosts a kind's quarter: the county for its township teams, a township for its village secretaries or its own leading cadres.</summary>
    public static Core.Organizations.OrganizationLevel HostLevel(ArchiveKind kind) =>
        kind == ArchiveKind.TownshipTeam ? Core.Organizations.OrganizationLevel.CountyCommittee : Core.Organizations.OrganizationLevel.TownshipCommittee;

    /// <summary>Whether a kind scores people (a secretary, a cadre) rather than a team.</summary>
    public static bool OfPeople(ArchiveKind kind) => kind != ArchiveKind.TownshipTeam;

    /// <summary>The label of the host picker.</summary>
    public static string HostLabel(ArchiveKind kind) => kind switch
    {
        ArchiveKind.VillageSecretary => "乡镇党委（考评本乡镇的村党组织书记）",
        ArchiveKind.TownshipTeam => "县委（考评各乡镇领导班子）",
        _ => "乡镇党委（考评本乡镇党委的领导干部）",
    };

    /// <summary>What the quarter's groups are, in a sentence under the form.</summary>
    public static string Hint(ArchiveKind kind) => kind switch
    {
        ArchiveKind.VillageSecretary => "一考：乡镇党委填写实绩考核表；双评：乡镇领导干部测评、本村群众测评（群众测评码可指定只评本村书记）。",
        ArchiveKind.TownshipTeam => "县委组织部实绩考核，县级领导和两代表一委员测评；各乡镇按得分在全县排名。",
        _ => "县委组织部实绩考核，乡镇班子成员互评和村（社区）干部、群众代表测评；每名领导干部在本乡镇和全县排名，成绩进入点将台。",
    };

    public static string Combination(YearCombination combination) => combination == YearCombination.Sum ? "四个季度得分之和" : "四个季度得分的平均";

    /// <summary>A score as lists and workbooks show it: two places, or nothing.</summary>
    public static string? Score(decimal? score) => score?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026年村党组织书记“一考双评”实绩排名（二季度）".</summary>
    public static string RankingTitle(ArchiveRanking ranking) =>
        $"{ranking.Year}年{Kind(ranking.Kind)}实绩排名" + (ranking.Quarter is { } q ? $"（{ArchiveYear.QuarterName(q)}）" : "（全年）");

    public static string Missing(MissingQuarter missing) => missing == MissingQuarter.MeanOfHeld ? "缺考季度按已考季度平均分计" : "缺考季度计 0 分";
}
