using Pingyi.Core.People;

namespace Pingyi.Core.Selection;

/// <summary>The seven nomination channels of "一七三" (seed 000).</summary>
public enum NominationChannel
{
    /// <summary>组织推荐: a party organization recommends.</summary>
    Organization = 0,

    /// <summary>领导干部个人推荐: a leading cadre, named and accountable for the nominee.</summary>
    LeadingCadre = 1,

    /// <summary>群众联名推荐: residents jointly, each co-signer verified once.</summary>
    PublicJoint = 2,

    /// <summary>个人自荐.</summary>
    Self = 3,

    /// <summary>领导干部会议推荐: a secret-ballot round of a meeting of leading cadres.</summary>
    LeadersMeeting = 4,

    /// <summary>县委全委会推荐.</summary>
    CommitteePlenary = 5,

    /// <summary>组织部门推荐.</summary>
    OrganizationDepartment = 6,
}

/// <summary>What a post asks of a nominee (职位空缺预告): ages, years in the current post, the lowest 学历; null where the post sets no limit.</summary>
public sealed record PostRequirements(int? MinAge, int? MaxAge, int? MinYearsInPost, People.EducationLevel? MinEducation = null);

/// <summary>
/// What the record says of a nominee: age and years in post (null when unknown — no ID number, no current post), the
/// accountability measure still in effect (what and until when, e.g. "诫勉，影响期至2027年6月1日"; null: none), and whether a
/// failed integrity review stands against them.
/// </summary>
public sealed record NomineeFacts(int? Age, int? YearsInPost, string? AccountabilityInEffect, bool IntegrityFailed, People.EducationLevel? Education = null);

/// <summary>
/// The rules of "一七三" cadre selection (seed 000): eligibility of a nominee against a post's requirements and their record,
/// each refusal a sentence; the channels' names.
/// </summary>
public static class SelectionRules
{
    /// <summary>Every reason the nominee is not eligible, empty when they are.</summary>
    public static IReadOnlyList<string> Refusals(PostRequirements post, NomineeFacts nominee)
    {
        var refusals = new List<string>();
        if (post.MinAge is { } youngest && (nominee.Age is null || nominee.Age < youngest))
        {
            refusals.Add(nominee.Age is { } a ? $"年龄 {a} 岁，低于职位要求的 {youngest} 岁" : "没有出生日期（身份证号码），无法核对年龄要求");
        }
        if (post.MaxAge is { } oldest && (nominee.Age is null || nominee.Age > oldest))
        {
            refusals.Add(nominee.Age is { } a ? $"年龄 {a} 岁，超过职位要求的 {oldest} 岁" : "没有出生日期（身份证号码），无法核对年龄要求");
        }
        if (post.MinYearsInPost is { } years && (nominee.YearsInPost is null || nominee.YearsInPost < years))
        {
            refusals.Add(nominee.YearsInPost is { } y ? $"任现职 {y} 年，不满职位要求的 {years} 年" : $"没有在任职务记录，不满职位要求的任现职 {years} 年");
        }
        if (post.MinEducation is { } lowest && (nominee.Education is null || nominee.Education < lowest))
        {
            refusals.Add(nominee.Education is { } e ? $"学历为{e.Chinese()}，低于职位要求的{lowest.Chinese()}" : $"人员信息中没有学历，无法核对职位要求的{lowest.Chinese()}及以上学历");
        }
        if (nominee.AccountabilityInEffect is { } measure)
        {
            refusals.Add($"问责处理尚在影响期内（{measure}）");
        }
        if (nominee.IntegrityFailed)
        {
            refusals.Add("任前廉政审查未通过");
        }
        return refusals.Distinct().ToList();
    }

    public static string Chinese(NominationChannel channel) => channel switch
    {
        NominationChannel.Organization => "组织推荐",
        NominationChannel.LeadingCadre => "领导干部个人推荐",
        NominationChannel.PublicJoint => "群众联名推荐",
        NominationChannel.Self => "个人自荐",
        NominationChannel.LeadersMeeting => "领导干部会议推荐",
        NominationChannel.CommitteePlenary => "县委全委会推荐",
        _ => "组织部门推荐",
    };
}
