namespace Pingyi.Web.Modules.Imports;

/// <summary>The customary Chinese column layouts shared by templates, imports and exports.</summary>
public static class Columns
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string IdNumber = "公民身份号码";
    public const string Phone = "手机号码";
    public const string OrganizationCode = "所在组织编码";
    public const string OrganizationName = "所在组织名称";
    public const string MemberStatus = "党员类别";
    public const string JoinedOn = "入党日期";
    public const string ConfirmedOn = "转正日期";
    public const string Position = "职务";
    public const string TermStart = "任职日期";
    public const string Representatives = "两代表一委员";
    public const string Education = "学历";

    public static readonly string[] Roster =
        [Name, Gender, IdNumber, Phone, OrganizationCode, OrganizationName, MemberStatus, JoinedOn, ConfirmedOn, Position, TermStart, Representatives, Education];

    public static readonly double[] RosterWidths = [10, 6, 22, 14, 16, 28, 10, 12, 12, 10, 12, 16, 12];

    public static readonly string[] RosterRequired = [Name, IdNumber, OrganizationCode];

    public const string Code = "组织编码";
    public const string OrgName = "组织名称";
    public const string Level = "层级";
    public const string Category = "类别";
    public const string ParentCode = "上级组织编码";
    public const string EstablishedOn = "成立日期";
    public const string Status = "状态";

    public static readonly string[] Organizations = [Code, OrgName, Level, Category, ParentCode, EstablishedOn, Status];

    public static readonly double[] OrganizationWidths = [18, 32, 10, 12, 18, 12, 8];

    public static readonly string[] OrganizationsRequired = [Code, OrgName, Level];

    /// <summary>Maps header texts to column positions; header cells are matched trimmed, a trailing * ignored.</summary>
    public static Dictionary<string, int> MapHeaders(string?[] header)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var text = (header[i] ?? string.Empty).Trim().TrimEnd('*', '＊').Trim();
            if (text.Length > 0)
            {
                map.TryAdd(text, i);
            }
        }
        return map;
    }
}
