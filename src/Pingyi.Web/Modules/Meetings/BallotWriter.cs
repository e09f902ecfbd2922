using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// The SQL of one write transaction of the ballot intake, on an open connection: reads what the batch is checked
/// against (locking it where the database can) and writes the accepted ballots. One subclass per database provider;
/// the checks themselves are the intake's (<see cref="BallotIntake"/>).
/// </summary>
internal abstract class BallotWriter(DbConnection connection, DbTransaction transaction)
{
    public static BallotWriter For(DatabaseFacade database, DbConnection connection, DbTransaction transaction) =>
        database.IsNpgsql() ? new PostgresBallotWriter(connection, transaction) : new SqliteBallotWriter(connection, transaction);

    /// <summary>How the codes' rows are locked against a concurrent writer ("" where the database locks it all).</summary>
    protected abstract string LockCodes { get; }

    /// <summary>How the reporters' rows are held so their scoring cannot close under the batch.</summary>
    protected abstract string LockReporters { get; }

    /// <summary>For each code, the reporters it has already scored.</summary>
    public async Task<Dictionary<long, SortedSet<long>>> ScoredAsync(long[] codeIds, CancellationToken ct)
    {
        var scored = new Dictionary<long, SortedSet<long>>();
        await using var read = Command($"""SELECT "Id", "Scored" FROM "RaterCodes" WHERE "Id" IN ({In(codeIds)}){LockCodes}""");
        AddIds(read, codeIds);
        await using var rows = await read.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var set = new SortedSet<long>();
            foreach (var part in rows.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                set.Add(long.Parse(part, CultureInfo.InvariantCulture));
            }
            scored[rows.GetInt64(0)] = set;
        }
        return scored;
    }

    /// <summary>Each reporter's meeting, scoring state and whether the meeting is rehearsing.</summary>
    public async Task<Dictionary<long, (long MeetingId, string State, bool Rehearsal)>> ReportersAsync(long[] reporterIds, CancellationToken ct)
    {
        var reporters = new Dictionary<long, (long MeetingId, string State, bool Rehearsal)>();
        await using var read = Command(
            $"""SELECT r."Id", r."MeetingId", r."State", m."Rehearsal" FROM "MeetingReporters" r JOIN "Meetings" m ON m."Id" = r."MeetingId" WHERE r."Id" IN ({In(reporterIds)}){LockReporters}""");
        AddIds(read, reporterIds);
        await using var rows = await read.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            reporters[rows.GetInt64(0)] = (rows.GetInt64(1), rows.GetString(2), rows.GetBoolean(3));
        }
        return reporters;
    }

    public async Task<bool> ReceiptExistsAsync(long meetingId, long reporterId, string receipt, CancellationToken ct)
    {
        await using var command = Command("""SELECT COUNT(*) FROM "Ballots" WHERE "MeetingId" = @m AND "ReporterId" = @r AND "Receipt" = @receipt""");
        Add(command, "@m", meetingId);
        Add(command, "@r", reporterId);
        Add(command, "@receipt", receipt);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Inserts the accepted ballots and their opinions, in the order given.</summary>
    public abstract Task InsertAsync(IReadOnlyList<QueuedBallot> accepted, CancellationToken ct);

    /// <summary>Stores each code's new list of scored reporters and marks its rater present.</summary>
    public abstract Task UpdateCodesAsync(IReadOnlyList<(long Id, string Scored)> codes, CancellationToken ct);

    /// <summary>
    /// An id that says nothing about when a ballot arrived: the reporter in the high bits (a
    /// reporter's ballots sit together, so a batch touches few pages of the table) and 40 random
    /// bits below.
    /// </summary>
    internal static long NewId(long reporterId) => (reporterId << 40) | ((long)RandomNumberGenerator.GetInt32(1 << 20) << 20) | (long)RandomNumberGenerator.GetInt32(1 << 20);

    protected DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    private static string In(long[] ids) => string.Join(", ", ids.Select((_, i) => "@i" + i.ToString(CultureInfo.InvariantCulture)));

    private static void AddIds(DbCommand command, long[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            Add(command, "@i" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }
    }
}
