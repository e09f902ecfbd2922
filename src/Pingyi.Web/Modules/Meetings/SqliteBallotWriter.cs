using System.Data.Common;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// SQLite: the write transaction holds the whole database, so nothing is locked row by row; rows are written by one
/// prepared statement executed per ballot (cheap in process, and SQLite has no array parameters).
/// </summary>
internal sealed class SqliteBallotWriter(DbConnection connection, DbTransaction transaction) : BallotWriter(connection, transaction)
{
    protected override string LockCodes => string.Empty;

    protected override string LockReporters => string.Empty;

    public override async Task InsertAsync(IReadOnlyList<QueuedBallot> accepted, CancellationToken ct)
    {
        await using (var insert = Command("""
            INSERT INTO "Ballots" ("Id", "MeetingId", "ReporterId", "GroupId", "Grade", "Indicators", "Receipt", "Rehearsal")
            VALUES (@id, @m, @r, @g, @grade, @ind, @receipt, @reh)
            """))
        {
            var p = Parameters(insert, "@id", "@m", "@r", "@g", "@grade", "@ind", "@receipt", "@reh");
            foreach (var b in accepted)
            {
                p[0].Value = NewId(b.Submission.ReporterId);
                p[1].Value = b.Submission.MeetingId;
                p[2].Value = b.Submission.ReporterId;
                p[3].Value = b.Code.GroupId;
                p[4].Value = (object?)b.Submission.Grade?.ToString() ?? DBNull.Value;
                p[5].Value = (object?)b.Indicators ?? DBNull.Value;
                p[6].Value = b.Receipt;
                p[7].Value = b.Code.Rehearsal;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        if (!accepted.Any(b => b.Opinion is not null))
        {
            return;
        }
        await using var opinion = Command("""
            INSERT INTO "Opinions" ("Id", "MeetingId", "ReporterId", "Category", "Text", "Rehearsal") VALUES (@id, @m, @r, @c, @t, @reh)
            """);
        var o = Parameters(opinion, "@id", "@m", "@r", "@c", "@t", "@reh");
        foreach (var b in accepted.Where(b => b.Opinion is not null))
        {
            o[0].Value = NewId(b.Submission.ReporterId);
            o[1].Value = b.Submission.MeetingId;
            o[2].Value = b.Submission.ReporterId;
            o[3].Value = b.Opinion!.Category!;
            o[4].Value = b.Opinion!.Text!;
            o[5].Value = b.Code.Rehearsal;
            await opinion.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task UpdateCodesAsync(IReadOnlyList<(long Id, string Scored)> codes, CancellationToken ct)
    {
        await using var command = Command("""UPDATE "RaterCodes" SET "Scored" = @s, "Present" = 1 WHERE "Id" = @id""");
        var p = Parameters(command, "@s", "@id");
        foreach (var c in codes)
        {
            p[0].Value = c.Scored;
            p[1].Value = c.Id;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbParameter[] Parameters(DbCommand command, params string[] names)
    {
        var parameters = new DbParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = names[i];
            command.Parameters.Add(parameters[i]);
        }
        return parameters;
    }
}
