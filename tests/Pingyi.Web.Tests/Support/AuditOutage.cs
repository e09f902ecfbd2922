using Microsoft.EntityFrameworkCore;

namespace Pingyi.Web.Tests.Support;

/// <summary>The audit store failing on every write (a trigger that refuses inserts into audit_entries), and its repair.</summary>
public static class AuditOutage
{
    public static Task BeginAsync(TestApp app, string provider) =>
        app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(provider == "Postgres"
            ? """
              CREATE OR REPLACE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
              CREATE TRIGGER audit_down BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_down();
              """
            : "CREATE TRIGGER audit_down BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;"));

    public static Task EndAsync(TestApp app, string provider) =>
        app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(provider == "Postgres" ? "DROP TRIGGER audit_down ON audit_entries" : "DROP TRIGGER audit_down"));
}
