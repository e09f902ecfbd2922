using System.Data.Common;
using System.Globalization;
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
/// back row by row. SQLite: one prepared statement reused for people through SQLite's own API (the
/// transaction holds the write lock, so the next ids are ours), then their memberships in one
/// INSERT … SELECT.
/// PostgreSQL: ids drawn from the identity sequence in one query, rows sent with binary COPY.
/// </summary>
internal static class PeopleBulkInsert
{
    /// <summary>Each person's first membership starts on the joining date, or without one on <paramref name="defaultStart"/>.</summary>
    public static async Task InsertAsync(PingyiDbContext db, IReadOnlyList<Person> rows, DateOnly defaultStart, string reason, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the import's transaction.");
        if (db.Database.IsNpgsql())
        {
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, defaultStart, reason, ct);
        }
        else
        {
            InsertSqlite(db.Database.GetDbConnection(), transaction, rows, defaultStart, reason);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<Person> rows, DateOnly defaultStart, string reason, CancellationToken ct)
    {
        await using (var ids = new NpgsqlCommand("""SELECT nextval(pg_get_serial_sequence('people', 'Id')) FROM generate_series(1, $1)""", connection))
        {
            ids.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rows.Count });
            await using var reader = await ids.ExecuteReaderAsync(ct);
            var i = 0;
            while (await reader.ReadAsync(ct))
            {
                rows[i++].Id = reader.GetInt64(0);
            }
        }
        await using (var people = await connection.BeginBinaryImportAsync(
            """COPY "people" ("Id", "Name", "Gender", "IdNumberCipher", "IdNumberHash", "PhoneCipher", "MemberStatus", "JoinedOn", "ConfirmedOn", "Representatives", "OrganizationId", "CreatedAt", "UpdatedAt", "Education") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var p in rows)
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
                await WriteNullableAsync(people, (int?)p.Education, NpgsqlDbType.Integer, ct);
            }
            await people.CompleteAsync(ct);
        }
        await using (var memberships = await connection.BeginBinaryImportAsync(
            """COPY "memberships" ("PersonId", "OrganizationId", "StartedOn", "Reason") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var p in rows)
            {
                await memberships.StartRowAsync(ct);
                await memberships.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await memberships.WriteAsync(p.OrganizationId!.Value, NpgsqlDbType.Bigint, ct);
                await memberships.WriteAsync(p.JoinedOn ?? defaultStart, NpgsqlDbType.Date, ct);
                await memberships.WriteAsync(reason, NpgsqlDbType.Varchar, ct);
            }
            await memberships.CompleteAsync(ct);
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, byte[]? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? importer.WriteAsync(value, type, ct) : importer.WriteNullAsync(ct);

    private static void InsertSqlite(DbConnection connection, DbTransaction transaction, IReadOnlyList<Person> rows, DateOnly defaultStart, string reason)
    {
        var firstId = NextSqliteId(connection, transaction);
        var nextId = firstId;
        // Straight to SQLite's own API, binding by position: ADO.NET's per-call work (readers, binding by
        // name) cost five times what SQLite spends inserting the row.
        var db = ((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle!;
        const string Sql = """
            INSERT INTO "people" ("Id", "Name", "Gender", "IdNumberCipher", "IdNumberHash", "PhoneCipher", "MemberStatus", "JoinedOn", "ConfirmedOn", "Representatives", "OrganizationId", "CreatedAt", "UpdatedAt", "Education")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """;
        Check(db, SQLitePCL.raw.sqlite3_prepare_v2(db, Sql, out var statement));
        using (statement)
        {
            foreach (var p in rows)
            {
                p.Id = nextId++;
                SQLitePCL.raw.sqlite3_bind_int64(statement, 1, p.Id);
                SQLitePCL.raw.sqlite3_bind_text(statement, 2, p.Name);
                SQLitePCL.raw.sqlite3_bind_int64(statement, 3, (int)p.Gender);
                SQLitePCL.raw.sqlite3_bind_blob(statement, 4, p.IdNumberCipher);
                SQLitePCL.raw.sqlite3_bind_text(statement, 5, p.IdNumberHash);
                BindBlob(statement, 6, p.PhoneCipher);
                SQLitePCL.raw.sqlite3_bind_int64(statement, 7, (int)p.MemberStatus);
                BindText(statement, 8, p.JoinedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                BindText(statement, 9, p.ConfirmedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                SQLitePCL.raw.sqlite3_bind_int64(statement, 10, (int)p.Representatives);
                if (p.OrganizationId is { } org)
                {
                    SQLitePCL.raw.sqlite3_bind_int64(statement, 11, org);
                }
                else
                {
                    SQLitePCL.raw.sqlite3_bind_null(statement, 11);
                }
                // The text form Microsoft.Data.Sqlite and EF Core use for DateTime.
                SQLitePCL.raw.sqlite3_bind_text(statement, 12, p.CreatedAt.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
                SQLitePCL.raw.sqlite3_bind_text(statement, 13, p.UpdatedAt.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
                if (p.Education is { } education)
                {
                    SQLitePCL.raw.sqlite3_bind_int64(statement, 14, (int)education);
                }
                else
                {
                    SQLitePCL.raw.sqlite3_bind_null(statement, 14);
                }
                var result = SQLitePCL.raw.sqlite3_step(statement);
                if (result != SQLitePCL.raw.SQLITE_DONE)
                {
                    Check(db, result);
                }
                SQLitePCL.raw.sqlite3_reset(statement);
            }
        }
        // The first memberships follow from the rows just written: one set-based statement per batch.
        using var memberships = Prepare(connection, transaction,
            """
            INSERT INTO "memberships" ("PersonId", "OrganizationId", "StartedOn", "EndedOn", "Reason")
            SELECT "Id", "OrganizationId", COALESCE("JoinedOn", $today), NULL, $reason FROM "people" WHERE "Id" >= $first AND "Id" < $next ORDER BY "Id"
            """,
            "$today", "$reason", "$first", "$next");
        memberships.Parameters[0].Value = defaultStart;
        memberships.Parameters[1].Value = reason;
        memberships.Parameters[2].Value = firstId;
        memberships.Parameters[3].Value = nextId;
        memberships.ExecuteNonQuery();
    }

    private static void BindText(SQLitePCL.sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            SQLitePCL.raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            SQLitePCL.raw.sqlite3_bind_text(statement, index, value);
        }
    }

    private static void BindBlob(SQLitePCL.sqlite3_stmt statement, int index, byte[]? value)
    {
        if (value is null)
        {
            SQLitePCL.raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            SQLitePCL.raw.sqlite3_bind_blob(statement, index, value);
        }
    }

    private static void Check(SQLitePCL.sqlite3 db, int result)
    {
        if (result != SQLitePCL.raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException(SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string(), result);
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
