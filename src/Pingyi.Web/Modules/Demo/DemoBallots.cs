using System.Security.Cryptography;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Demo;

/// <summary>A demo meeting's ballots as the phones would have left them: each with its id and receipt, and nothing that names the voter.</summary>
internal static class DemoBallots
{
    public static void Add(PingyiDbContext db, long meetingId, long reporterId, long groupId, Grade? grade, string? indicators) => db.Ballots.Add(new Ballot
    {
        Id = BallotWriter.NewId(reporterId), MeetingId = meetingId, ReporterId = reporterId, GroupId = groupId, Grade = grade, Indicators = indicators,
        Receipt = Receipts.Of(meetingId, reporterId, groupId, grade?.ToString(), indicators, null, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))),
    });

    /// <summary>A used one-time code of a group (made for one reporter, or for all): present, with the reporters it scored; its plain text is never kept.</summary>
    public static void Code(PingyiDbContext db, long meetingId, long groupId, string scored, long? reporterId = null) => db.RaterCodes.Add(new RaterCode
    {
        MeetingId = meetingId, GroupId = groupId, CodeHash = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), Present = true, Scored = scored, ReporterId = reporterId,
    });

    /// <summary>
    /// A survey meeting answered on phones by as many respondents as <paramref name="answers"/> says for each answer (满意, 基本满意,
    /// 不满意, 不了解 — the first to the fourth grade), its subject closed and the meeting at its assessment, ready to publish.
    /// </summary>
    public static void AnswerSurvey(PingyiDbContext db, Meeting meeting, IReadOnlyList<int> answers)
    {
        var reporter = meeting.Reporters.Single();
        var group = meeting.Groups.Single();
        var scored = reporter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (count, grade) in answers.Zip(Enum.GetValues<Grade>()))
        {
            for (var i = 0; i < count; i++)
            {
                Code(db, meeting.Id, group.Id, scored);
                Add(db, meeting.Id, reporter.Id, group.Id, grade, null);
            }
        }
        reporter.State = ScoringState.Closed;
        meeting.Stage = MeetingStage.Assessment;
    }
}
