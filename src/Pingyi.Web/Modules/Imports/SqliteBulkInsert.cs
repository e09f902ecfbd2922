using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Imports;

/// <summary>
/// Inserts new people and their first membership with two prepared statements reused row after row
/// inside the import's transaction, with ids assigned here instead of read back: on SQLite several
/// times faster than change tracking for a 100,000-row roster (multi-row statements were measured
/// slower: binding hundreds of named parameters costs more than it saves). PostgreSQL keeps EF
/// Core's batched inserts.
/// </summary>
internal sealed class SqliteBulkInsert : IDisposable
{
    private readonly DbCommand _person;
    private readonly DbCommand _membership;

    private SqliteBulkInsert(DbConnection connection, DbTransaction transaction)
    {
        _person = Prepare(connection, transaction,
            """
            INSERT INTO "people" ("Id", "Name", "Gender", "IdNumberCipher", "IdNumberHash", "PhoneCipher", "MemberStatus", "JoinedOn", "ConfirmedOn", "Representatives", "OrganizationId", "CreatedAt", "UpdatedAt")
            VALUES ($id, $name, $gender, $cipher, $hash, $phone, $status, $joined, $confirmed, $reps, $org, $created, $updated)
            """,
            "$id", "$name", "$gender", "$cipher", "$hash", "$phone", "$status", "$joined", "$confirmed", "$reps", "$org", "$created", "$updated");
        _membership = Prepare(connection, transaction,
            """INSERT INTO "memberships" ("PersonId", "OrganizationId", "StartedOn", "EndedOn", "Reason") VALUES ($person, $org, $started, NULL, $reason)""",
            "$person", "$org", "$started", "$reason");
    }

    public static SqliteBulkInsert? TryCreate(PingyiDbContext db) =>
        db.Database.IsSqlite() && db.Database.CurrentTransaction is { } tx
            ? new SqliteBulkInsert(db.Database.GetDbConnection(), tx.GetDbTransaction())
            : null;

    public void Insert(IEnumerable<(Person Person, DateOnly MembershipStart)> rows, string reason)
    {
        var v = _person.Parameters;
        var m = _membership.Parameters;
        var nextId = NextId();
        foreach (var (p, start) in rows)
        {
            p.Id = nextId++;
            v[0].Value = p.Id;
            v[1].Value = p.Name;
            v[2].Value = (int)p.Gender;
            v[3].Value = p.IdNumberCipher;
            v[4].Value = p.IdNumberHash;
            v[5].Value = (object?)p.PhoneCipher ?? DBNull.Value;
            v[6].Value = (int)p.MemberStatus;
            v[7].Value = p.JoinedOn is { } j ? j : DBNull.Value;
            v[8].Value = p.ConfirmedOn is { } c ? c : DBNull.Value;
            v[9].Value = (int)p.Representatives;
            v[10].Value = (object?)p.OrganizationId ?? DBNull.Value;
            v[11].Value = p.CreatedAt;
            v[12].Value = p.UpdatedAt;
            _person.ExecuteNonQuery();
            m[0].Value = p.Id;
            m[1].Value = p.OrganizationId!.Value;
            m[2].Value = start;
            m[3].Value = reason;
            _membership.ExecuteNonQuery();
        }
    }

    // The import's transaction holds SQLite's write lock, so nobody else takes the next ids meanwhile;
    // AUTOINCREMENT never reuses an id, so the next one is past both the table and its sequence.
    private long NextId()
    {
        using var command = _person.Connection!.CreateCommand();
        command.Transaction = _person.Transaction;
        command.CommandText = """SELECT MAX(COALESCE((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'people'), 0), COALESCE((SELECT MAX("Id") FROM "people"), 0))""";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        _person.Dispose();
        _membership.Dispose();
    }
}
