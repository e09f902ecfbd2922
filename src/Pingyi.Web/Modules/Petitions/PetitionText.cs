using Pingyi.Core.Petitions;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>The Chinese names of the petitions' enumerations (one source; pages localize them).</summary>
public static class PetitionText
{
    public static string Kind(PetitionKind kind) => kind switch
    {
        PetitionKind.Suggestion => "建议意见类",
        PetitionKind.Accusation => "检举控告类",
        _ => "申诉求决类",
    };

    public static string Channel(PetitionChannel channel) => channel switch
    {
        PetitionChannel.Online => "网上信访",
        PetitionChannel.Visit => "来访",
        PetitionChannel.Letter => "来信",
        _ => "来电",
    };

    public static string Status(PetitionStatus status, int level = 0) => status switch
    {
        PetitionStatus.Registered => "待受理",
        PetitionStatus.Accepted => "办理中",
        PetitionStatus.Answered => level switch { 0 => "已答复", 1 => "已复查", _ => "已复核" },
        PetitionStatus.InReview => level == 1 ? "复查中" : "复核中",
        _ => "已结案",
    };

    public static string Opinion(PetitionOpinion opinion) => opinion switch
    {
        PetitionOpinion.Support => "予以支持",
        PetitionOpinion.Explain => "解释说明",
        _ => "不予支持",
    };

    public static string Closing(PetitionClosing closing) => closing switch
    {
        PetitionClosing.NotAccepted => "不予受理",
        PetitionClosing.Withdrawn => "信访人撤回",
        PetitionClosing.Settled => "调解和解",
        _ => "—",
    };

    public static string Rating(PetitionRating rating) => rating switch
    {
        PetitionRating.Satisfied => "满意",
        PetitionRating.FairlySatisfied => "基本满意",
        _ => "不满意",
    };

    public static string Booking(BookingStatus status) => status switch
    {
        BookingStatus.Booked => "已预约",
        BookingStatus.Attended => "已接访",
        BookingStatus.NoShow => "未到场",
        _ => "已取消",
    };

    public static string Routing(PetitionRouting routing) => routing == PetitionRouting.Assign ? "交办" : "转送";

    public static string Ground(NotAcceptedGround ground) => ground switch
    {
        NotAcceptedGround.OutOfRemit => "不属于本单位职权范围（告知向有权机关提出）",
        NotAcceptedGround.BeingHandled => "下级正在规定期限内办理（第十九条）",
        _ => "复核后以同一事实和理由再次提出（第三十六条）",
    };

    public static readonly PetitionKind[] Kinds = [PetitionKind.Claim, PetitionKind.Suggestion, PetitionKind.Accusation];

    public static readonly PetitionOpinion[] Opinions = [PetitionOpinion.Support, PetitionOpinion.Explain, PetitionOpinion.NotSupport];

    public static readonly PetitionRating[] Ratings = [PetitionRating.Satisfied, PetitionRating.FairlySatisfied, PetitionRating.Dissatisfied];
}
