using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Issue 18: every scoped query tests a subtree as <c>Path LIKE '/1/4/%'</c>. PostgreSQL answers that from the path's B-tree
/// index only under the C collation; under the database's own (the test server's C.UTF-8, a province's en_US.UTF-8) it reads
/// every row — at province size the audit trail's first page took 580 ms and a filtered one 13.7 s (docs/query-plans.md).
/// Asked with sequential scans forbidden, the plan must be an index range on the path: without the migration's collation it
/// is a sequential scan all the same, because nothing else can answer.
/// </summary>
public sealed class SubtreeIndexTests
{
    [Theory]
    [InlineData("organizations", "Path")]
    [InlineData("audit_entries", "OrganizationPath")]
    public async Task SubtreeTest_IsAnIndexRangeOnThePath_OnPostgres(string table, string column)
    {
        Assert.True(Providers.PostgresConnection is not null, "PINGYI_TEST_PG is not set: the test command starts PostgreSQL (test.sh).");
        await using var app = await TestApp.CreateAsync("Postgres");
        await using var db = app.OpenDatabase();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var noSeqScan = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noSeqScan.ExecuteNonQueryAsync();
        }
        // As the queries send it: the prefix as a parameter.
        await using var explain = new NpgsqlCommand($"""EXPLAIN SELECT 1 FROM "{table}" WHERE "{column}" LIKE $1""", connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = "/1/4/%" });
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        var plan = string.Join('\n', lines);
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), plan);
        Assert.True(plan.Contains($"Index Cond: ((\"{column}\" >= '/1/4/'::text) AND (\"{column}\" < '/1/40'::text))", StringComparison.Ordinal), plan);
    }
}
