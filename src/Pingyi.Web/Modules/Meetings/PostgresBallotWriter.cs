using System.Data.Common;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>PostgreSQL: row locks for the batch's codes and reporters, and each table written in one statement from arrays (unnest).</summary>
internal sealed class PostgresBallotWriter(DbConnection connection, DbTransaction transaction) : BallotWriter(connection, transaction)
{
    protected override string LockCodes => " FOR UPDATE";

    protected override string LockReporters => " FOR SHARE OF r";

    public override async Task InsertAsync(IReadOnlyList<QueuedBallot> accepted, CancellationToken ct)
    {
        await using var ballots = Command("""
            INSERT INTO "Ballots" ("Id", "MeetingId", "ReporterId", "GroupId", "Grade", "Indicators", "Receipt", "Rehearsal")
            SELECT * FROM unnest(@id, @m, @r, @g, @grade, @ind, @receipt, @reh)
            """);
        Add(ballots, "@id", accepted.Select(p => NewId(p.Submission.ReporterId)).ToArray());
        Add(ballots, "@m", accepted.Select(p => p.Submission.MeetingId).ToArray());
        Add(ballots, "@r", accepted.Select(p => p.Submission.ReporterId).ToArray());
        Add(ballots, "@g", accepted.Select(p => p.Code.GroupId).ToArray());
        Add(ballots, "@grade", accepted.Select(p => p.Submission.Grade?.ToString()).ToArray());
        Add(ballots, "@ind", accepted.Select(p => p.Indicators).ToArray());
        Add(ballots, "@receipt", accepted.Select(p => p.Receipt).ToArray());
        Add(ballots, "@reh", accepted.Select(p => p.Code.Rehearsal).ToArray());
        await ballots.ExecuteNonQueryAsync(ct);

        var opinions = accepted.Where(p => p.Opinion is not null).ToList();
        if (opinions.Count == 0)
        {
            return;
        }
        await using var o = Command("""
            INSERT INTO "Opinions" ("Id", "MeetingId", "ReporterId", "Category", "Text", "Rehearsal")
            SELECT * FROM unnest(@id, @m, @r, @c, @t, @reh)
            """);
        Add(o, "@id", opinions.Select(p => NewId(p.Submission.ReporterId)).ToArray());
        Add(o, "@m", opinions.Select(p => p.Submission.MeetingId).ToArray());
        Add(o, "@r", opinions.Select(p => p.Submission.ReporterId).ToArray());
        Add(o, "@c", opinions.Select(p => p.Opinion!.Category!).ToArray());
        Add(o, "@t", opinions.Select(p => p.Opinion!.Text!).ToArray());
        Add(o, "@reh", opinions.Select(p => p.Code.Rehearsal).ToArray());
        await o.ExecuteNonQueryAsync(ct);
    }

    public override async Task UpdateCodesAsync(IReadOnlyList<(long Id, string Scored)> codes, CancellationToken ct)
    {
        await using var update = Command("""
            UPDATE "RaterCodes" c SET "Scored" = v.s, "Present" = TRUE FROM unnest(@ids, @scored) AS v(id, s) WHERE c."Id" = v.id
            """);
        Add(update, "@ids", codes.Select(c => c.Id).ToArray());
        Add(update, "@scored", codes.Select(c => c.Scored).ToArray());
        await update.ExecuteNonQueryAsync(ct);
    }
}
