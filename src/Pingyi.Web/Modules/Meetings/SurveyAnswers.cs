using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// The answers of published surveys (满意 / 基本满意 / 不满意 / 不了解 — the first to the fourth grade), counted per meeting from the
/// ballots' grades alone; rehearsal ballots left out. What the satisfaction and openness surveys read.
/// </summary>
public static class SurveyAnswers
{
    public static async Task<IReadOnlyDictionary<long, SatisfactionCounts>> CountAsync(PingyiDbContext db, IReadOnlyCollection<long> meetingIds, CancellationToken ct)
    {
        var grades = await db.Ballots.AsNoTracking().Where(b => meetingIds.Contains(b.MeetingId) && !b.Rehearsal && b.Grade != null)
            .GroupBy(b => new { b.MeetingId, b.Grade }).Select(g => new { g.Key.MeetingId, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        return meetingIds.Distinct().ToDictionary(id => id, id =>
        {
            int Count(Grade grade) => grades.Where(g => g.MeetingId == id && g.Grade == grade).Sum(g => g.Count);
            return new SatisfactionCounts(Count(Grade.Good), Count(Grade.FairlyGood), Count(Grade.Average), Count(Grade.Poor));
        });
    }
}
