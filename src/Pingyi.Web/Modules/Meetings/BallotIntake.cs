using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;

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

/// <summary>
/// Takes ballots in and writes them with group commit: one writer drains whatever has queued up
/// meanwhile, checks each ballot against the database inside one write transaction (the code is
/// known, the reporter is open for scoring, the code has not scored that reporter), writes all of
/// them, commits — durably, SQLite with synchronous=FULL — and only then answers every request of
/// the batch. Ballots of one batch are written in random order with random ids, so nothing
/// recoverable from storage follows the order of arrival (docs/decisions/0008).
/// </summary>
public sealed class BallotIntake(RaterCodeCache codes, IServiceScopeFactory scopes, ILogger<BallotIntake> logger) : BackgroundService
{
    private const int MaxBatch = 2000;

    /// <summary>Metrics of the writer: batch sizes and the time each batch takes to be checked, written and committed.</summary>
    public static readonly System.Diagnostics.Metrics.Meter Meter = new("Pingyi.Ballots");
    private static readonly System.Diagnostics.Metrics.Histogram<int> BatchSize = Meter.CreateHistogram<int>("pingyi.ballots.batch.size", "{ballot}");
    private static readonly System.Diagnostics.Metrics.Histogram<double> BatchDuration = Meter.CreateHistogram<double>("pingyi.ballots.batch.duration", "ms");
    private readonly Channel<QueuedBallot> _queue = Channel.CreateUnbounded<QueuedBallot>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Raised after each commit with the meetings that received ballots.</summary>
    public event Action<IReadOnlyCollection<long>>? Committed;

    public async Task<IntakeResult> SubmitAsync(string? codeText, BallotSubmission submission, CancellationToken ct)
    {
        if (await codes.FindCodeAsync(codeText, ct) is not { } code || code.MeetingId != submission.MeetingId)
        {
            return new IntakeResult(IntakeOutcome.UnknownCode, null, RaterCodeCache.UnknownCode);
        }
        if (code.ReporterId is { } only && only != submission.ReporterId)
        {
            return new IntakeResult(IntakeOutcome.Refused, null, RaterCodeCache.OtherReporter);
        }
        var form = await codes.FormAsync(code.MeetingId, ct);
        string? indicators;
        try
        {
            var cast = CastBallot.Create(form.Rules, 0, code.GroupIndex, submission.Grade, submission.Indicators);
            indicators = submission.Indicators is { } points && cast.IndicatorHundredths is not null
                ? new IndicatorPoints(points).Format()
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
            if (opinion.Text!.Trim().Length > Opinion.TextMax)
            {
                return new IntakeResult(IntakeOutcome.Refused, null, $"意见建议不能超过 {Opinion.TextMax} 字。");
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
        var pending = new QueuedBallot(code, submission, indicators, opinion, receipt, submission.SubmissionId is not null);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedBallot>(MaxBatch);
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

    private async Task<HashSet<long>> WriteAsync(List<QueuedBallot> batch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var writer = BallotWriter.For(db.Database, db.Database.GetDbConnection(), tx.GetDbTransaction());
        var scored = await writer.ScoredAsync([.. batch.Select(p => p.Code.Id).Distinct()], ct);
        var reporters = await writer.ReportersAsync([.. batch.Select(p => p.Submission.ReporterId).Distinct()], ct);

        var accepted = new List<QueuedBallot>(batch.Count);
        var replays = new List<QueuedBallot>();
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
            var stored = inBatch || await writer.ReceiptExistsAsync(p.Submission.MeetingId, p.Submission.ReporterId, p.Receipt, ct);
            p.Result = stored ? new IntakeResult(IntakeOutcome.Replayed, p.Receipt, "已提交，投票后不能修改。") : AlreadyCast;
        }

        if (accepted.Count > 0)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accepted));
            await writer.InsertAsync(accepted, ct);
            await writer.UpdateCodesAsync(accepted.Select(p => p.Code.Id).Distinct()
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
}

/// <summary>A ballot checked for form and waiting in the queue; its request waits on <see cref="Done"/>.</summary>
internal sealed class QueuedBallot(CodeInfo code, BallotSubmission submission, string? indicators, OpinionInput? opinion, string receipt, bool replayable)
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
