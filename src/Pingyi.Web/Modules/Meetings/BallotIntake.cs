using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

public sealed record OpinionInput(string? Category, string? Text);

/// <summary>A ballot as a rater's phone sends it; the rater's code travels in the X-Rater-Code header.</summary>
/// <param name="SubmissionId">A random id the phone makes once per ballot; a retry with the same id gets the same receipt instead of a refusal.</param>
public sealed record BallotSubmission(long MeetingId, long ReporterId, Grade? Grade, IReadOnlyList<decimal>? Indicators, OpinionInput? Opinion,
    string? SubmissionId = null);

public enum IntakeOutcome
{
    Accepted,
    Replayed,
    UnknownCode,
    AlreadyCast,
    Refused,
}

public sealed record IntakeResult(IntakeOutcome Outcome, string? Receipt, string? Message);

/// <summary>What a code is, as far as it never changes: cached so a ballot costs no lookup before it is queued.</summary>
public sealed record CodeInfo(long Id, long MeetingId, long GroupId, int GroupIndex, bool Rehearsal);

/// <summary>A meeting's fixed parts: its rules and groups never change once it exists.</summary>
public sealed record MeetingForm(long MeetingId, SchemeRules Rules, IReadOnlyDictionary<long, int> GroupIndexes);

/// <summary>
/// Takes ballots in and writes them with group commit: one writer drains whatever has queued up
/// meanwhile, checks each ballot against the database inside one write transaction (the code is
/// known, the reporter is open for scoring, the code has not scored that reporter), writes all of
/// them, commits — durably, SQLite with synchronous=FULL — and only then answers every request of
/// the batch. Ballots of one batch are written in random order with random ids, so nothing
/// recoverable from storage follows the order of arrival (docs/decisions/0008).
/// </summary>
public sealed class BallotIntake(IServiceScopeFactory scopes, PiiProtector keys, ILogger<BallotIntake> logger) : BackgroundService
{
    private const int MaxBatch = 2000;

    /// <summary>Metrics of the writer: batch sizes and the time each batch takes to be checked, written and committed.</summary>
    public static readonly System.Diagnostics.Metrics.Meter Meter = new("Pingyi.Ballots");
    private static readonly System.Diagnostics.Metrics.Histogram<int> BatchSize = Meter.CreateHistogram<int>("pingyi.ballots.batch.size", "{ballot}");
    private static readonly System.Diagnostics.Metrics.Histogram<double> BatchDuration = Meter.CreateHistogram<double>("pingyi.ballots.batch.duration", "ms");
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, CodeInfo> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, MeetingForm> _forms = new();

    /// <summary>Raised after each commit with the meetings that received ballots.</summary>
    public event Action<IReadOnlyCollection<long>>? Committed;

    public async Task<IntakeResult> SubmitAsync(string? codeText, BallotSubmission submission, CancellationToken ct)
    {
        if (await FindCodeAsync(codeText, ct) is not { } code || code.MeetingId != submission.MeetingId)
        {
            return new IntakeResult(IntakeOutcome.UnknownCode, null, "评议码无效：请核对评议码，或向会务人员领取新的评议码。");
        }
        var form = await FormAsync(code.MeetingId, ct);
        string? indicators;
        try
        {
            var cast = CastBallot.Create(form.Rules, 0, code.GroupIndex, submission.Grade, submission.Indicators);
            indicators = submission.Indicators is { } points && cast.IndicatorHundredths is not null
                ? string.Join(',', points.Select(p => p.ToString(CultureInfo.InvariantCulture)))
                : null;
            submission = submission with { Grade = cast.Grade };
        }
        catch (BallotException e)
        {
            return new IntakeResult(IntakeOutcome.Refused, null, "测评票不完整：" + e.Message);
        }
        var opinion = submission.Opinion is { Text: { } text } && !string.IsNullOrWhiteSpace(text) ? submission.Opinion : null;
        if (opinion is not null)
        {
            if (!form.Rules.OpinionCategories.Contains(opinion.Category ?? string.Empty))
            {
                return new IntakeResult(IntakeOutcome.Refused, null, $"请为意见建议选择类别：{string.Join("、", form.Rules.OpinionCategories)}。");
            }
            if (opinion.Text!.Trim().Length > 1000)
            {
                return new IntakeResult(IntakeOutcome.Refused, null, "意见建议不能超过 1000 字。");
            }
            opinion = opinion with { Text = opinion.Text.Trim() };
        }
        if (submission.SubmissionId is { } sid && (sid.Length is < 16 or > 100))
        {
            return new IntakeResult(IntakeOutcome.Refused, null, "submissionId 须为 16 到 100 个字符。");
        }
        var nonce = submission.SubmissionId ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var receipt = Receipts.Of(submission.MeetingId, submission.ReporterId, code.GroupId, submission.Grade?.ToString(), indicators,
            opinion is null ? null : opinion.Category + "\u001e" + opinion.Text, nonce);
        var pending = new Pending(code, submission, indicators, opinion, receipt, submission.SubmissionId is not null);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>The code's fixed facts, from the cache or the database; null when no such code exists.</summary>
    public async Task<CodeInfo?> FindCodeAsync(string? codeText, CancellationToken ct)
    {
        if (RaterCodeText.Normalize(codeText) is not { } normalized)
        {
            return null;
        }
        var hash = RaterCodeText.Hash(keys, normalized);
        if (_codes.TryGetValue(hash, out var cached))
        {
            return cached;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var row = await db.RaterCodes.AsNoTracking().Where(c => c.CodeHash == hash)
            .Join(db.MeetingGroups, c => c.GroupId, g => g.Id, (c, g) => new CodeInfo(c.Id, c.MeetingId, c.GroupId, g.Index, c.Rehearsal))
            .FirstOrDefaultAsync(ct);
        return row is null ? null : _codes.GetOrAdd(hash, row);
    }

    public async Task<MeetingForm> FormAsync(long meetingId, CancellationToken ct)
    {
        if (_forms.TryGetValue(meetingId, out var form))
        {
            return form;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var rules = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Rules).SingleAsync(ct);
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).ToDictionaryAsync(g => g.Id, g => g.Index, ct);
        return _forms.GetOrAdd(meetingId, new MeetingForm(meetingId, RulesJson.Read(rules), groups));
    }

    /// <summary>Forgets cached codes, e.g. after rehearsal codes were purged.</summary>
    public void ForgetCodes(long meetingId)
    {
        foreach (var (hash, info) in _codes)
        {
            if (info.MeetingId == meetingId)
            {
                _codes.TryRemove(hash, out _);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var p))
                {
                    batch.Add(p);
                }
                // Under load, a moment's wait lets the ballots already being parsed join this commit:
                // fewer, larger commits, each paying one flush to disk.
                if (batch.Count is > 1 and < 64)
                {
                    await Task.Delay(1, stoppingToken);
                    while (batch.Count < MaxBatch && reader.TryRead(out var p))
                    {
                        batch.Add(p);
                    }
                }
                try
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var meetings = await WriteAsync(batch, stoppingToken);
                    BatchSize.Record(batch.Count);
                    BatchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (meetings.Count > 0)
                    {
                        Committed?.Invoke(meetings);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "A batch of {Count} ballots could not be written; none of them was acknowledged", batch.Count);
                    foreach (var p in batch)
                    {
                        p.Done.TrySetException(e);
                    }
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var p in batch)
        {
            p.Done.TrySetCanceled(stoppingToken);
        }
        while (reader.TryRead(out var p))
        {
            p.Done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task<HashSet<long>> WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();

        var codeIds = batch.Select(p => p.Code.Id).Distinct().ToArray();
        var scored = new Dictionary<long, SortedSet<long>>();
        await using (var read = Command(connection, transaction,
            $"""SELECT "Id", "Scored" FROM "RaterCodes" WHERE "Id" IN ({In(codeIds)}){(postgres ? " FOR UPDATE" : "")}"""))
        {
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
        }
        var reporterIds = batch.Select(p => p.Submission.ReporterId).Distinct().ToArray();
        var reporters = new Dictionary<long, (long MeetingId, string State, bool Rehearsal)>();
        await using (var read = Command(connection, transaction,
            $"""SELECT r."Id", r."MeetingId", r."State", m."Rehearsal" FROM "MeetingReporters" r JOIN "Meetings" m ON m."Id" = r."MeetingId" WHERE r."Id" IN ({In(reporterIds)}){(postgres ? " FOR SHARE OF r" : "")}"""))
        {
            AddIds(read, reporterIds);
            await using var rows = await read.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                reporters[rows.GetInt64(0)] = (rows.GetInt64(1), rows.GetString(2), rows.GetBoolean(3));
            }
        }

        var accepted = new List<Pending>(batch.Count);
        var replays = new List<Pending>();
        foreach (var p in batch)
        {
            var s = p.Submission;
            if (!scored.TryGetValue(p.Code.Id, out var done))
            {
                p.Result = new IntakeResult(IntakeOutcome.UnknownCode, null, "评议码已失效。");
            }
            else if (!reporters.TryGetValue(s.ReporterId, out var reporter) || reporter.MeetingId != s.MeetingId)
            {
                p.Result = new IntakeResult(IntakeOutcome.Refused, null, "被评议人不在本次会议中。");
            }
            else if (reporter.Rehearsal != p.Code.Rehearsal)
            {
                p.Result = new IntakeResult(IntakeOutcome.Refused, null, reporter.Rehearsal
                    ? "会议正在试运行，只能使用测试评议码。"
                    : "这是试运行的测试评议码，正式评议不能使用。");
            }
            else if (done.Contains(s.ReporterId))
            {
                if (p.Replayable)
                {
                    replays.Add(p);
                }
                else
                {
                    p.Result = AlreadyCast;
                }
            }
            else if (reporter.State != nameof(ScoringState.Open))
            {
                p.Result = new IntakeResult(IntakeOutcome.Refused, null,
                    reporter.State == nameof(ScoringState.Closed) ? "对该同志的评分已经结束。" : "对该同志的评分尚未开始。");
            }
            else
            {
                done.Add(s.ReporterId);
                accepted.Add(p);
                p.Result = new IntakeResult(IntakeOutcome.Accepted, p.Receipt, "已提交，投票后不能修改。");
            }
        }

        foreach (var p in replays)
        {
            // The same phone sending the same ballot again (its answer was lost): the same receipt,
            // whether the first one was written earlier or a moment ago in this batch.
            var inBatch = accepted.Any(a => a.Receipt == p.Receipt);
            var stored = inBatch || await ReceiptExistsAsync(connection, transaction, p.Submission.MeetingId, p.Submission.ReporterId, p.Receipt, ct);
            p.Result = stored ? new IntakeResult(IntakeOutcome.Replayed, p.Receipt, "已提交，投票后不能修改。") : AlreadyCast;
        }

        if (accepted.Count > 0)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accepted));
            await InsertAsync(connection, transaction, postgres, accepted, ct);
            await UpdateCodesAsync(connection, transaction, postgres, accepted.Select(p => p.Code.Id).Distinct()
                .Select(id => (id, string.Join(',', scored[id]))).ToList(), ct);
        }
        await tx.CommitAsync(ct);

        foreach (var p in batch)
        {
            p.Done.TrySetResult(p.Result!);
        }
        return [.. accepted.Select(p => p.Submission.MeetingId)];
    }

    private static readonly IntakeResult AlreadyCast = new(IntakeOutcome.AlreadyCast, null, "您已对该同志投过票，投票后不能修改。");

    private static async Task<bool> ReceiptExistsAsync(DbConnection connection, DbTransaction transaction, long meetingId, long reporterId, string receipt, CancellationToken ct)
    {
        await using var command = Command(connection, transaction,
            """SELECT COUNT(*) FROM "Ballots" WHERE "MeetingId" = @m AND "ReporterId" = @r AND "Receipt" = @receipt""");
        Add(command, "@m", meetingId);
        Add(command, "@r", reporterId);
        Add(command, "@receipt", receipt);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, bool postgres, List<Pending> accepted, CancellationToken ct)
    {
        var opinions = accepted.Where(p => p.Opinion is not null).ToList();
        if (postgres)
        {
            await using var ballots = Command(connection, transaction, """
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
            if (opinions.Count > 0)
            {
                await using var o = Command(connection, transaction, """
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
            return;
        }

        await using (var insert = Command(connection, transaction, """
            INSERT INTO "Ballots" ("Id", "MeetingId", "ReporterId", "GroupId", "Grade", "Indicators", "Receipt", "Rehearsal")
            VALUES (@id, @m, @r, @g, @grade, @ind, @receipt, @reh)
            """))
        {
            var p = new DbParameter[8];
            string[] names = ["@id", "@m", "@r", "@g", "@grade", "@ind", "@receipt", "@reh"];
            for (var i = 0; i < names.Length; i++)
            {
                p[i] = insert.CreateParameter();
                p[i].ParameterName = names[i];
                insert.Parameters.Add(p[i]);
            }
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
        foreach (var b in opinions)
        {
            await using var o = Command(connection, transaction, """
                INSERT INTO "Opinions" ("Id", "MeetingId", "ReporterId", "Category", "Text", "Rehearsal") VALUES (@id, @m, @r, @c, @t, @reh)
                """);
            Add(o, "@id", NewId(b.Submission.ReporterId));
            Add(o, "@m", b.Submission.MeetingId);
            Add(o, "@r", b.Submission.ReporterId);
            Add(o, "@c", b.Opinion!.Category!);
            Add(o, "@t", b.Opinion!.Text!);
            Add(o, "@reh", b.Code.Rehearsal);
            await o.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task UpdateCodesAsync(DbConnection connection, DbTransaction transaction, bool postgres, List<(long Id, string Scored)> codes, CancellationToken ct)
    {
        if (postgres)
        {
            await using var update = Command(connection, transaction, """
                UPDATE "RaterCodes" c SET "Scored" = v.s, "Present" = TRUE FROM unnest(@ids, @scored) AS v(id, s) WHERE c."Id" = v.id
                """);
            Add(update, "@ids", codes.Select(c => c.Id).ToArray());
            Add(update, "@scored", codes.Select(c => c.Scored).ToArray());
            await update.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var command = Command(connection, transaction, """UPDATE "RaterCodes" SET "Scored" = @s, "Present" = 1 WHERE "Id" = @id""");
        var s = command.CreateParameter();
        s.ParameterName = "@s";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        command.Parameters.Add(s);
        command.Parameters.Add(id);
        foreach (var c in codes)
        {
            s.Value = c.Scored;
            id.Value = c.Id;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// An id that says nothing about when a ballot arrived: the reporter in the high bits (a
    /// reporter's ballots sit together, so a batch touches few pages of the table) and 40 random
    /// bits below.
    /// </summary>
    internal static long NewId(long reporterId) => (reporterId << 40) | ((long)RandomNumberGenerator.GetInt32(1 << 20) << 20) | (long)RandomNumberGenerator.GetInt32(1 << 20);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static string In(long[] ids) => string.Join(", ", ids.Select((_, i) => "@i" + i.ToString(CultureInfo.InvariantCulture)));

    private static void AddIds(DbCommand command, long[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            Add(command, "@i" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    private sealed class Pending(CodeInfo code, BallotSubmission submission, string? indicators, OpinionInput? opinion, string receipt, bool replayable)
    {
        public CodeInfo Code { get; } = code;

        public BallotSubmission Submission { get; } = submission;

        public string? Indicators { get; } = indicators;

        public OpinionInput? Opinion { get; } = opinion;

        public string Receipt { get; } = receipt;

        public bool Replayable { get; } = replayable;

        public IntakeResult? Result { get; set; }

        public TaskCompletionSource<IntakeResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
