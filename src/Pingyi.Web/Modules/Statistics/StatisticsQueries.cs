using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Statistics;

public sealed record BoardNode(long Id, string Name);

/// <summary>A number for the organization on the board and for each organization directly below it.</summary>
public sealed record FigureLine(string Key, string Label, int Total, IReadOnlyList<int> ByChild);

/// <summary>A share (null where the denominator is 0) with its target; <see cref="Gap"/> is how far the total falls short.</summary>
public sealed record RatioLine(string Label, string Numerator, string Denominator, decimal? Target, decimal? Total, IReadOnlyList<decimal?> ByChild)
{
    public decimal? Gap => Target is { } t && Total is { } v && v < t ? t - v : null;
}

public sealed record SectionView(string Name, string? Note, IReadOnlyList<FigureLine> Figures, IReadOnlyList<RatioLine> Ratios);

/// <summary>
/// The board of one organization of the caller's scope in a year: the way down to it from the scope's top (<see cref="Trail"/>),
/// the organizations directly below it (the columns of every number) and the sections.
/// </summary>
/// <remarks>
/// <see cref="CountedAt"/> is set on the board of a committee above the county (省委, 市委): a snapshot counted when the records
/// last moved, refreshed in the background (null: counted from the records as they are now).
/// </remarks>
public sealed record StatisticsBoard(int Year, DateOnly AsOf, BoardNode Root, IReadOnlyList<BoardNode> Trail, IReadOnlyList<BoardNode> Children,
    IReadOnlyList<SectionView> Sections, DateTime? CountedAt = null)
{
    public FigureLine? Figure(string key) => Sections.SelectMany(s => s.Figures).FirstOrDefault(f => f.Key == key);

    public RatioLine? Ratio(string label) => Sections.SelectMany(s => s.Ratios).FirstOrDefault(r => r.Label == label);
}

/// <summary>A count for each month of the year, January first.</summary>
public sealed record Trend(string Label, IReadOnlyList<int> Months);

public sealed record FigureListRow(string Organization, string Title, string? Detail, DateOnly? On, string Link);

/// <summary>The records behind one number: as many as <see cref="Paged{T}.Total"/>, which equals the number on the board.</summary>
public sealed record FigureList(string Key, string Label, string DateLabel, int Year, BoardNode Root, Paged<FigureListRow> Rows);

/// <summary>
/// Reads the statistics board and the list behind each number, always within the caller's scope. A board is counted from
/// the records and kept until the audit trail moves (every change is audited, ADR 0010) or the day changes. The numbers are
/// read from the read replica when there is one (<see cref="ReadDatabase"/>): the audit version of a board's key is read from
/// the same database as its numbers, so a board counted on a lagging replica is never kept under a newer version.
/// A committee above the county (a province's or a city's) is served from a snapshot instead (ADR 0027): counted from scratch
/// it reads every county's records (12–14 s at 100 counties and 2,000,000 members, docs/deployment.md), and a province's
/// audit trail moves every few seconds; when the records have moved, its last count is shown with its time while one count
/// runs in the background.
/// </summary>
public sealed class StatisticsQueries(ReadDatabase reads, Scope scope, StatisticsCatalog catalog, PiiProtector pii, IMemoryCache cache, TimeProvider clock,
    IServiceScopeFactory scopes, ILogger<StatisticsQueries> logger, IConfiguration configuration)
{
    private readonly PingyiDbContext _db = reads.Context;

    /// <summary>Whether this instance reads the replica (chosen when it was made).</summary>
    private bool FromReplica => reads.FromReplica;

    public const int FirstYear = 2000;

    public async Task<StatisticsBoard> BoardAsync(long? organizationId, int? year, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var y = CheckYear(year, today);
        var (root, children) = await scope.RootAndChildrenAsync(organizationId, ct);
        return await BoardOfAsync(root, children, await TrailAsync(root.Path, ct), y, today, ct);
    }

    /// <summary>
    /// The county's board for anyone (the public board): the numbers of the top organization and of each township, counts only —
    /// no list, no name, no personal data.
    /// </summary>
    public async Task<StatisticsBoard> PublicBoardAsync(int? year, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var y = CheckYear(year, today);
        var root = await _db.Organizations.Where(o => o.ParentId == null && o.Status == Core.Organizations.OrganizationStatus.Active).OrderBy(o => o.Id)
            .Select(o => new Scope.Node(o.Id, o.Name, o.Path)).FirstOrDefaultAsync(ct) ?? throw RuleViolation.NotFound("尚未建立组织");
        var children = await _db.Organizations.Where(o => o.ParentId == root.Id && o.Status == Core.Organizations.OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new Scope.Node(o.Id, o.Name, o.Path)).ToListAsync(ct);
        return await BoardOfAsync(root, children, [], y, today, ct);
    }

    private async Task<StatisticsBoard> BoardOfAsync(Scope.Node root, IReadOnlyList<Scope.Node> children, IReadOnlyList<BoardNode> trail, int y, DateOnly today, CancellationToken ct)
    {
        var key = $"statistics:{root.Path}:{string.Join(',', children.Select(c => c.Id))}:{y}:{today.DayNumber}";
        var (sections, countedAt) = await KeepAsync(key, root.Id, root.Path, (q, t) => q.CountAsync(q.Context(y, today), root.Path, children, t), ct);
        return new StatisticsBoard(y, Context(y, today).AsOf, new BoardNode(root.Id, root.Name), trail, [.. children.Select(c => new BoardNode(c.Id, c.Name))],
            sections, countedAt);
    }

    /// <summary>The newest audit entry: every change is audited, so the records have not moved while it stays the same.</summary>
    private async Task<long> VersionAsync(CancellationToken ct) => await _db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;

    /// <summary>
    /// A count of the board's pages, kept: below the county until the records under it move (counted again on the next view,
    /// so what was just entered shows at once); above it (省委, 市委) as a snapshot with the time it was counted (null below).
    /// </summary>
    private async Task<(T Value, DateTime? CountedAt)> KeepAsync<T>(string key, long rootId, string path, Func<StatisticsQueries, CancellationToken, Task<T>> count,
        CancellationToken ct)
        where T : class
    {
        var version = await VersionAsync(ct);
        var level = await _db.Organizations.Where(o => o.Id == rootId).Select(o => o.Level).FirstAsync(ct);
        if (!level.IsAboveCounty())
        {
            // Kept while nothing in its county moved (ADR 0027): in a province the audit trail moves every few seconds somewhere,
            // and a county's count takes about a third of a second at province size. Kept ten minutes at most.
            var board = cache.Get<Kept<T>>(key);
            if (board is not null && board.Version < version && !await MovedAsync(path, board.Version, version, ct))
            {
                board.Advance(version);
            }
            lock (Counting)
            {
                board = cache.Get<Kept<T>>(key);
                if (board is null || board.Version < version)
                {
                    // One count per version, whoever asks while it runs waits for it: views arriving during a count each starting
                    // their own piled up on two cores (p50 6.4 s at 2 views/s). The count does not stop when one viewer leaves.
                    board = new Kept<T>(version, new Lazy<Task<T>>(() => CountApartAsync(count)));
                    cache.Set(key, board, TimeSpan.FromMinutes(10));
                }
            }
            try
            {
                return (await board.Counting.Value.WaitAsync(ct), null);
            }
            catch when (board.Counting.Value.IsFaulted || board.Counting.Value.IsCanceled)
            {
                lock (Counting)
                {
                    if (cache.Get(key) == board)
                    {
                        cache.Remove(key); // a failed count is forgotten
                    }
                }
                throw;
            }
        }
        var snapshotKey = "snapshot:" + key;
        if (cache.TryGetValue(snapshotKey, out Snapshot<T>? kept) && kept is not null)
        {
            // At most one count per minute (Statistics:SnapshotMinimumAgeSeconds): a province's records move all day, and a count of
            // the province keeps a core busy for seconds.
            var minimumAge = TimeSpan.FromSeconds(configuration.GetValue("Statistics:SnapshotMinimumAgeSeconds", 60));
            if (kept.Version != version && clock.GetUtcNow().UtcDateTime - kept.CountedAt >= minimumAge && Interlocked.CompareExchange(ref kept.Refreshing, 1, 0) == 0)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await using var refresh = scopes.CreateAsyncScope();
                        await refresh.ServiceProvider.GetRequiredService<StatisticsQueries>().CountSnapshotAsync(snapshotKey, count, CancellationToken.None);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        logger.LogWarning(e, "Recounting the statistics snapshot {Key} failed; the last count stays shown", snapshotKey);
                        Volatile.Write(ref kept.Refreshing, 0);
                    }
                }, CancellationToken.None);
            }
            return (kept.Value, kept.CountedAt);
        }
        var counted = await CountSnapshotAsync(snapshotKey, count, ct);
        return (counted.Value, counted.CountedAt);
    }

    /// <summary>
    /// A count shared by every view waiting for it, in a scope of its own: the viewer who started it may leave (its request's
    /// services disposed) while others wait. Read on the database this view read the version from (the replica or the primary).
    /// </summary>
    private async Task<T> CountApartAsync<T>(Func<StatisticsQueries, CancellationToken, Task<T>> count)
    {
        await using var apart = scopes.CreateAsyncScope();
        var queries = apart.ServiceProvider.GetRequiredService<StatisticsQueries>();
        return await count(queries.FromReplica == FromReplica ? queries : this, CancellationToken.None);
    }

    /// <summary>Held while a county's count is looked up or started, so two views of one version start one count.</summary>
    private static readonly Lock Counting = new();

    /// <summary>A count below the county and the newest audit entry it stands for.</summary>
    private sealed class Kept<T>(long version, Lazy<Task<T>> counting)
    {
        public long Version { get; private set; } = version;

        public Lazy<Task<T>> Counting { get; } = counting;

        /// <summary>The count stands for <paramref name="version"/> too: nothing it counts moved in between.</summary>
        public void Advance(long version)
        {
            lock (StatisticsQueries.Counting)
            {
                Version = Math.Max(Version, version);
            }
        }
    }

    /// <summary>
    /// The actions that hand records from one organization to another, possibly in another county: audited under one side,
    /// they move the figures of both, so they count for every board.
    /// </summary>
    private static readonly string[] Carrying =
        ["organization.move", "organization.merge", "organization.dissolve", "person.transfer", "petition.assign", "petition.transfer", "request.assign", "ledger.escalate"];

    /// <summary>
    /// Whether an audit entry after <paramref name="from"/> up to <paramref name="to"/> may have moved the figures under
    /// <paramref name="path"/>: one in the same county (a change in a county unit can move a village's figures: a pairing, a
    /// ledger item it supervises), one above the county (a province's import or grading), one without a path, or one that
    /// carries records between organizations, possibly across counties. Every change is audited in its unit of work (ADR
    /// 0010); a change in another county is none of these. Read on the database the figures are read from (a range of the
    /// primary key: the entries since the board was counted).
    /// </summary>
    private async Task<bool> MovedAsync(string path, long from, long to, CancellationToken ct)
    {
        var lineage = Lineage(path);
        var county = await _db.Organizations.Where(o => lineage.Contains(o.Path) && o.Level == OrganizationLevel.CountyCommittee).Select(o => o.Path).FirstOrDefaultAsync(ct)
            ?? lineage.FirstOrDefault() ?? "/";
        var above = Lineage(county).Where(p => p != county).Append("/").ToList();
        return await _db.AuditEntries.AnyAsync(a => a.Id > from && a.Id <= to
            && (a.OrganizationPath == null || a.OrganizationPath.StartsWith(county) || above.Contains(a.OrganizationPath) || Carrying.Contains(a.Action)), ct);
    }

    /// <summary>A count above the county, the audit version it was counted at, and when.</summary>
    private sealed class Snapshot<T>(long version, T value, DateTime countedAt)
    {
        public long Version { get; } = version;

        public T Value { get; } = value;

        public DateTime CountedAt { get; } = countedAt;

        /// <summary>1 while a count of a newer version runs (one at a time per snapshot).</summary>
        public int Refreshing;
    }

    private async Task<Snapshot<T>> CountSnapshotAsync<T>(string key, Func<StatisticsQueries, CancellationToken, Task<T>> count, CancellationToken ct)
    {
        var version = await VersionAsync(ct); // read before counting: a change while counting leads to one more count
        var snapshot = new Snapshot<T>(version, await count(this, ct), clock.GetUtcNow().UtcDateTime);
        cache.Set(key, snapshot, TimeSpan.FromDays(1));
        return snapshot;
    }

    public async Task<FigureList> ListAsync(string key, long? organizationId, int? year, int? page, int? pageSize, CancellationToken ct = default)
    {
        var figure = catalog.Find(key) ?? throw RuleViolation.NotFound($"统计项“{key}”不存在");
        var today = ChinaTime.Today(clock);
        var y = CheckYear(year, today);
        var (root, _) = await scope.RootAndChildrenAsync(organizationId, ct);
        var (p, size) = Paging.Normalize(page, pageSize, 50);
        var (total, rows) = await figure.RowsAsync(Context(y, today), root.Path, (p - 1) * size, size, ct);
        return new FigureList(figure.Key, figure.Label, figure.DateLabel, y, new BoardNode(root.Id, root.Name),
            new Paged<FigureListRow>([.. rows.Select(r => new FigureListRow(r.Organization, r.Title, r.Detail, r.On, figure.LinkOf(r, y)))], p, size, total));
    }

    /// <summary>Every row behind a number as a workbook (title row, then the rows in tree order).</summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(string key, long? organizationId, int? year, CancellationToken ct = default)
    {
        var first = await ListAsync(key, organizationId, year, 1, Paging.MaxPageSize, ct);
        var output = new MemoryStream();
        var today = ChinaTime.Today(clock);
        var title = $"{first.Root.Name}{first.Year}年度统计：{first.Label}（{ChinaTime.ChineseDate(today)}导出，共{first.Rows.Total}条）";
        using (var writer = new Imports.TableWriter(output, Imports.TableFormat.Xlsx, "统计明细", ["序号", "组织", "名称", "说明", first.DateLabel], [6, 30, 40, 24, 12], title))
        {
            var n = 0;
            for (var list = first; ; list = await ListAsync(key, organizationId, year, list.Rows.Page + 1, Paging.MaxPageSize, ct))
            {
                foreach (var r in list.Rows.Items)
                {
                    writer.WriteRow([(++n).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Organization, r.Title, r.Detail,
                        r.On?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
                }
                if (list.Rows.Page >= list.Rows.Pages)
                {
                    break;
                }
            }
        }
        return (output.ToArray(), $"统计-{first.Label}-{first.Root.Name}-{first.Year}.xlsx");
    }

    /// <summary>Month by month in the year (China time): problems registered and closed out, petitions and requests received.</summary>
    public async Task<IReadOnlyList<Trend>> TrendsAsync(long? organizationId, int? year, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var c = Context(CheckYear(year, today), today);
        var (root, _) = await scope.RootAndChildrenAsync(organizationId, ct);
        return (await KeepAsync($"statistics-trends:{root.Path}:{c.Year}", root.Id, root.Path, (q, t) => q.CountTrendsAsync(q.Context(c.Year, today), root.Path, t), ct)).Value;
    }

    private async Task<IReadOnlyList<Trend>> CountTrendsAsync(FigureContext c, string path, CancellationToken ct)
    {
        static int[] ByMonth(IEnumerable<DateOnly> days)
        {
            var months = new int[12];
            foreach (var d in days)
            {
                months[d.Month - 1]++;
            }
            return months;
        }
        IEnumerable<DateOnly> China(IEnumerable<DateTime> times) => times.Select(t => DateOnly.FromDateTime(ChinaTime.ToChina(t))).Where(d => d.Year == c.Year);
        var ledger = _db.LedgerItems.Where(i => i.ResponsibleOrganization!.Path.StartsWith(path));
        var registered = await ledger.Where(i => i.CreatedAt >= c.YearStartUtc && i.CreatedAt < c.YearEndUtc).Select(i => i.CreatedAt).ToListAsync(ct);
        var closed = await ledger.Where(i => i.ClosedOutAt >= c.YearStartUtc && i.ClosedOutAt < c.YearEndUtc).Select(i => i.ClosedOutAt!.Value).ToListAsync(ct);
        var petitions = await _db.Petitions.Where(p => p.Kind != Core.Petitions.PetitionKind.Accusation && p.HandlingOrganization!.Path.StartsWith(path)
            && p.ReceivedOn >= c.YearStart && p.ReceivedOn <= c.YearEnd).Select(p => p.ReceivedOn).ToListAsync(ct);
        var requests = await _db.ServiceRequests.Where(r => r.Organization!.Path.StartsWith(path) && r.RequestedAt >= c.YearStartUtc && r.RequestedAt < c.YearEndUtc)
            .Select(r => r.RequestedAt).ToListAsync(ct);
        return [new("问题登记", ByMonth(China(registered))), new("问题销号", ByMonth(China(closed))), new("信访件", ByMonth(petitions)), new("群众诉求", ByMonth(China(requests)))];
    }

    private static int CheckYear(int? year, DateOnly today) => year switch
    {
        null => today.Year,
        { } y when y >= FirstYear && y <= today.Year => y,
        _ => throw RuleViolation.Invalid($"年度应在 {FirstYear} 至 {today.Year} 之间", "year"),
    };

    private FigureContext Context(int year, DateOnly today) => new(_db, year, today, RosterAsync);

    private async Task<IReadOnlyList<SectionView>> CountAsync(FigureContext c, string path, IReadOnlyList<Scope.Node> children, CancellationToken ct)
    {
        var sections = new List<SectionView>();
        var counted = new Dictionary<string, (int Total, int[] ByChild)>();
        void Add(Figure figure, IReadOnlyDictionary<string, int> byPath) =>
            counted[figure.Key] = (byPath.Values.Sum(), [.. children.Select(ch => byPath.Where(p => p.Key.StartsWith(ch.Path, StringComparison.Ordinal)).Sum(p => p.Value))]);
        var figures = catalog.Sections.SelectMany(s => s.Figures).DistinctBy(f => f.Key).ToList();
        // Counted on two connections at once when a second one reaches the same database (the replica or the primary, as this
        // count): the database does most of the work, on its own cores. Each takes the next unit — a family's query, the
        // members' roster, a figure counted alone — until none is left; the families (the larger reads) go first.
        var units = new System.Collections.Concurrent.ConcurrentQueue<Figure[]>(
            figures.GroupBy(f => (object?)f.Batch ?? f).OrderBy(g => g.Key is FigureBatch ? 0 : 1).Select(g => g.ToArray()));
        await using var second = scopes.CreateAsyncScope();
        var other = second.ServiceProvider.GetRequiredService<StatisticsQueries>();
        var lanes = new List<Task<List<(Figure, IReadOnlyDictionary<string, int>)>>> { CountUnitsAsync(c, path, units, ct) };
        if (other.FromReplica == FromReplica)
        {
            lanes.Add(other.CountUnitsAsync(other.Context(c.Year, c.Today), path, units, ct));
        }
        await Task.WhenAll(lanes); // every lane finished before the second connection goes, even when one fails
        foreach (var (figure, byPath) in lanes.SelectMany(l => l.Result))
        {
            Add(figure, byPath);
        }
        foreach (var section in catalog.Sections)
        {
            decimal? Share(int numerator, int denominator) => denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4);
            sections.Add(new SectionView(section.Name, section.Note,
                [.. section.Figures.Select(f => new FigureLine(f.Key, f.Label, counted[f.Key].Total, counted[f.Key].ByChild))],
                [.. section.Ratios.Select(r => new RatioLine(r.Label, r.Numerator, r.Denominator, r.Target,
                    Share(counted[r.Numerator].Total, counted[r.Denominator].Total),
                    [.. children.Select((_, i) => Share(counted[r.Numerator].ByChild[i], counted[r.Denominator].ByChild[i]))]))]));
        }
        return sections;
    }

    /// <summary>Units of figures taken from <paramref name="units"/> until none is left, counted under <paramref name="path"/> per organization path on this instance's connection.</summary>
    private async Task<List<(Figure, IReadOnlyDictionary<string, int>)>> CountUnitsAsync(FigureContext c, string path, System.Collections.Concurrent.ConcurrentQueue<Figure[]> units,
        CancellationToken ct)
    {
        var counted = new List<(Figure, IReadOnlyDictionary<string, int>)>();
        while (units.TryDequeue(out var unit))
        {
            if (unit[0].Batch is { } batch)
            {
                counted.AddRange(unit.Zip(await batch.CountByPathAsync(c, path, unit, ct)));
            }
            else
            {
                counted.Add((unit[0], await unit[0].CountByPathAsync(c, path, ct)));
            }
        }
        return counted;
    }

    /// <summary>The paths from the root of the tree down to <paramref name="path"/> itself ("/1/", "/1/5/", "/1/5/9/").</summary>
    private static List<string> Lineage(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return [.. Enumerable.Range(1, segments.Length).Select(n => "/" + string.Join('/', segments.Take(n)) + "/")];
    }

    /// <summary>The organizations from the top of the caller's scope down to <paramref name="path"/>, for the way back up.</summary>
    private async Task<IReadOnlyList<BoardNode>> TrailAsync(string path, CancellationToken ct)
    {
        var top = await scope.PathAsync(ct);
        var prefixes = Lineage(path).Where(p => p.StartsWith(top, StringComparison.Ordinal) && p != path).ToList();
        var nodes = await _db.Organizations.Where(o => prefixes.Contains(o.Path)).Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
        return [.. nodes.OrderBy(n => n.Path.Length).Select(n => new BoardNode(n.Id, n.Name))];
    }

    /// <summary>
    /// The members under <paramref name="path"/> with their birth dates, read from their encrypted ID numbers in memory only and
    /// never stored. The birth dates are kept while that part of the roster is unchanged (its size and latest change, from the
    /// same read, in the key). Only the subtree read: a county's board on a province's database decrypted all two million
    /// members' numbers (docs/query-plans.md).
    /// </summary>
    private async Task<IReadOnlyList<RosterMember>> RosterAsync(string path, CancellationToken ct)
    {
        var members = StatisticsCatalog.MembersIn(_db).Where(p => p.Organization!.Path.StartsWith(path));
        var roster = await members.Select(p => new { p.Id, p.Organization!.Path, p.UpdatedAt }).ToListAsync(ct);
        var key = $"statistics:births:{path}:{roster.Count}:{(roster.Count == 0 ? 0 : roster.Max(p => p.UpdatedAt).Ticks)}";
        var births = (await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
            var births = new Dictionary<long, DateOnly>();
            await foreach (var p in members.Select(p => new { p.Id, p.IdNumberCipher }).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (pii.BirthDateOrNull(p.IdNumberCipher) is { } born)
                {
                    births[p.Id] = born;
                }
            }
            return (IReadOnlyDictionary<long, DateOnly>)births;
        }))!;
        return [.. roster.Select(p => new RosterMember(p.Id, p.Path, births.TryGetValue(p.Id, out var born) ? born : null))];
    }
}
