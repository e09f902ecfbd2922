using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Imports;

/// <summary>
/// Writes new people and their first membership in bulk inside the import's transaction, bypassing
/// change tracking, which made most of a 100,000-row import's time. Ids are assigned here, not read
/// back row by row. SQLite: two prepared single-row statements reused (the transaction holds the write
/// lock, so the next ids are ours; multi-row statements were measured slower, binding hundreds of named
/// parameters costs more than it saves). PostgreSQL: ids drawn from the identity sequence in one
/// query, rows sent with binary COPY.
/// </summary>
internal static class PeopleBulkInsert
{
    public static async Task InsertAsync(PingyiDbContext db, IReadOnlyList<(Person Person, DateOnly MembershipStart)> rows, string reason, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the import's transaction.");
        if (db.Database.IsNpgsql())
        {
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, reason, ct);
        }
        else
        {
            InsertSqlite(db.Database.GetDbConnection(), transaction, rows, reason);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<(Person Person, DateOnly MembershipStart)> rows, string reason, CancellationToken ct)
    {
        await using (var ids = new NpgsqlCommand("""SELECT nextval(pg_get_serial_sequence('people', 'Id')) FROM generate_series(1, $1)""", connection))
        {
            ids.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rows.Count });
            await using var reader = await ids.ExecuteReaderAsync(ct);
            var i = 0;
            while (await reader.ReadAsync(ct))
            {
                rows[i++].Person.Id = reader.GetInt64(0);
            }
        }
        await using (var people = await connection.BeginBinaryImportAsync(
            """COPY "people" ("Id", "Name", "Gender", "IdNumberCipher", "IdNumberHash", "PhoneCipher", "MemberStatus", "JoinedOn", "ConfirmedOn", "Representatives", "OrganizationId", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (p, _) in rows)
            {
                await people.StartRowAsync(ct);
                await people.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await people.WriteAsync(p.Name, NpgsqlDbType.Varchar, ct);
                await people.WriteAsync((int)p.Gender, NpgsqlDbType.Integer, ct);
                await people.WriteAsync(p.IdNumberCipher, NpgsqlDbType.Bytea, ct);
                await people.WriteAsync(p.IdNumberHash, NpgsqlDbType.Char, ct);
                await WriteNullableAsync(people, p.PhoneCipher, NpgsqlDbType.Bytea, ct);
                await people.WriteAsync((int)p.MemberStatus, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(people, p.JoinedOn, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(people, p.ConfirmedOn, NpgsqlDbType.Date, ct);
                await people.WriteAsync((int)p.Representatives, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(people, p.OrganizationId, NpgsqlDbType.Bigint, ct);
                await people.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await people.WriteAsync(p.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            }
            await people.CompleteAsync(ct);
        }
        await using (var memberships = await connection.BeginBinaryImportAsync(
            """COPY "memberships" ("PersonId", "OrganizationId", "StartedOn", "Reason") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (p, start) in rows)
            {
                await memberships.StartRowAsync(ct);
                await memberships.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await memberships.WriteAsync(p.OrganizationId!.Value, NpgsqlDbType.Bigint, ct);
                await memberships.WriteAsync(start, NpgsqlDbType.Date, ct);
                await memberships.WriteAsync(reason, NpgsqlDbType.Varchar, ct);
            }
            await memberships.CompleteAsync(ct);
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, byte[]? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? importer.WriteAsync(value, type, ct) : importer.WriteNullAsync(ct);

    private static void InsertSqlite(DbConnection connection, DbTransaction transaction, IReadOnlyList<(Person Person, DateOnly MembershipStart)> rows, string reason)
    {
        using var person = Prepare(connection, transaction,
            """
            INSERT INTO "people" ("Id", "Name", "Gender", "IdNumberCipher", "IdNumberHash", "PhoneCipher", "MemberStatus", "JoinedOn", "ConfirmedOn", "Representatives", "OrganizationId", "CreatedAt", "UpdatedAt")
            VALUES ($id, $name, $gender, $cipher, $hash, $phone, $status, $joined, $confirmed, $reps, $org, $created, $updated)
            """,
            "$id", "$name", "$gender", "$cipher", "$hash", "$phone", "$status", "$joined", "$confirmed", "$reps", "$org", "$created", "$updated");
        using var membership = Prepare(connection, transaction,
            """INSERT INTO "memberships" ("PersonId", "OrganizationId", "StartedOn", "EndedOn", "Reason") VALUES ($person, $org, $started, NULL, $reason)""",
            "$person", "$org", "$started", "$reason");
        var v = person.Parameters;
        var m = membership.Parameters;
        var nextId = NextSqliteId(connection, transaction);
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
            person.ExecuteNonQuery();
            m[0].Value = p.Id;
            m[1].Value = p.OrganizationId!.Value;
            m[2].Value = start;
            m[3].Value = reason;
            membership.ExecuteNonQuery();
        }
    }

    // AUTOINCREMENT never reuses an id, so the next one is past both the table and its sequence.
    private static long NextSqliteId(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
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
}
