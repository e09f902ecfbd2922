using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>Who gets a talk and a rectification notice: the reporters graded 较差 and the last positioned, nobody else.</summary>
public sealed class MeetingConsequencesTests
{
    private static ReporterOutcome Reporter(long id, Grade? grade, int? position, string? veto = null) =>
        new(id, (int)id, $"书记{id}", "某党委", id, null, position is null ? null : 90m - position.Value, null, grade, position, [], veto, []);

    [Fact]
    public void ThePoor_AndTheLast_GetConsequences_TheGoodWithOpinionsDoNot()
    {
        ReporterOutcome[] reporters =
        [
            Reporter(1, Grade.Good, 1), Reporter(2, Grade.Poor, 2, veto: "发生重大责任事故"), Reporter(3, Grade.Average, 3), Reporter(4, Grade.FairlyGood, 4),
            Reporter(5, null, null),
        ];

        var reasons = MeetingConsequences.Reasons(reporters, talkBottomCount: 1);

        Assert.Equal([2L, 4L], reasons.Keys.Order());
        Assert.Equal("一票否决：发生重大责任事故", reasons[2]);
        Assert.Equal("位次居末（第 4 位）", reasons[4]);
    }

    [Fact]
    public void TiedLastPositions_AllCount_AndNoneWhenOnlyOneIsPositioned()
    {
        ReporterOutcome[] tied = [Reporter(1, Grade.Good, 1), Reporter(2, Grade.Good, 2), Reporter(3, Grade.Good, 2)];
        ReporterOutcome[] alone = [Reporter(1, Grade.Average, 1), Reporter(2, null, null)];

        Assert.Equal([2L, 3L], MeetingConsequences.Reasons(tied, 1).Keys.Order());
        Assert.Equal([1L, 2L, 3L], MeetingConsequences.Reasons(tied, 2).Keys.Order());
        Assert.Empty(MeetingConsequences.Reasons(alone, 1));
        Assert.Empty(MeetingConsequences.Reasons(tied, 0));
    }
}
