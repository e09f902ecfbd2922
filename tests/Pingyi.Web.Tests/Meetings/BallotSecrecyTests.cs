using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>
/// The secrecy audit of a meeting: after ballots are cast and scoring closes, nothing in the database links a ballot to the code
/// that cast it — no column of any table holds a code, its hash is only in the codes' table, no audit entry or export names a
/// code (nor a receipt in the trail), two ballots of the same content have different receipts (a receipt cannot be recomputed from the ballot),
/// and on PostgreSQL the rows' transaction ids (xmin) no longer pair a ballot with its code.
/// </summary>
public sealed class BallotSecrecyTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task AfterClosing_NothingLinksABallotToItsCode(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider, reporters: 2, ratersPerGroup: 3, open: true);
        var codes = room.Meeting.Codes.Values.SelectMany(c => c).ToList();
        var receipts = new List<string>();
        foreach (var code in codes)
        {
            // One request at a time: each ballot its own batch, the case where a transaction id would pair it with its code.
            var cast = await room.CastAsync(code, room.Meeting.Reporters[0], "good");
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
            receipts.Add((await cast.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!);
        }
        var pairedWhileOpen = provider == "Postgres" ? await PairedByTransactionAsync(room.App) : 0;
        Assert.Equal(HttpStatusCode.OK, (await room.Admin.PostAsJsonAsync($"/api/v1/meetings/{room.Id}/close", new { })).StatusCode);

        var hashes = await room.App.QueryAsync(db => db.RaterCodes.Where(c => c.MeetingId == room.Id).Select(c => c.CodeHash).ToListAsync());
        var displayed = codes.Select(c => c.Replace("-", string.Empty, StringComparison.Ordinal)).Concat(codes).ToList();
        var found = await ScanAsync(room.App, value =>
            displayed.Any(c => value.Contains(c, StringComparison.OrdinalIgnoreCase)) ? "a code"
            : hashes.Any(h => value.Contains(h, StringComparison.Ordinal)) ? "a code's hash" : null);
        var workbook = await room.Admin.GetByteArrayAsync($"/api/v1/meetings/{room.Id}/ballots.xlsx");
        var cells = Workbooks.Read(workbook).SelectMany(r => r).Where(c => c is not null).Select(c => c!).ToList();

        Assert.Equal(codes.Count, receipts.Distinct().Count()); // the same content, a different receipt each time
        Assert.All(found, f => Assert.Equal("RaterCodes.CodeHash: a code's hash", f));
        Assert.Equal(hashes.Count, found.Count);
        // The receipt is in the export by design (a rater finds their own ballot, an independent recount matches them); the code is not.
        Assert.DoesNotContain(cells, c => displayed.Any(code => c.Contains(code, StringComparison.OrdinalIgnoreCase)) || hashes.Contains(c));
        Assert.False(await room.App.QueryAsync(db => db.AuditEntries.AnyAsync(a => receipts.Any(r => a.Data!.Contains(r)))));
        if (provider == "Postgres")
        {
            Assert.Equal(codes.Count, pairedWhileOpen); // what closing removes: while open, each ballot shares its transaction with its code
            Assert.Equal(0, await PairedByTransactionAsync(room.App));
        }
    }

    /// <summary>Ballots whose PostgreSQL transaction id (xmin) is that of exactly one rater code: a pairing anyone who can read both tables sees.</summary>
    private static Task<int> PairedByTransactionAsync(TestApp app) => app.QueryAsync(async db =>
        (await db.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM "Ballots" b
            WHERE (SELECT count(*) FROM "RaterCodes" c WHERE c.xmin::text = b.xmin::text) = 1
            """).ToListAsync()).Single());

    /// <summary>Every text value of every table, as "table.column: what" for those <paramref name="what"/> names.</summary>
    private static Task<List<string>> ScanAsync(TestApp app, Func<string, string?> what) => app.QueryAsync(async db =>
    {
        var found = new List<string>();
        await foreach (var (table, rows) in DatabaseRows.AllAsync(db))
        {
            found.AddRange(rows.SelectMany(r => r).Where(c => c.Value is string).Select(c => (c.Column, Kind: what((string)c.Value!)))
                .Where(c => c.Kind is not null).Select(c => $"{table}.{c.Column}: {c.Kind}"));
        }
        return found;
    });
}
