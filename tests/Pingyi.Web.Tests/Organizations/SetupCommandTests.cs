using Microsoft.Data.Sqlite;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Organizations;

/// <summary>
/// A deployment of its own starts from an empty database without the demo county: `pingyi setup` makes its top
/// organization and first administrator, once, audited; a wrong level or date is refused with a sentence and exit 1.
/// </summary>
public sealed class SetupCommandTests
{
    [Fact]
    public async Task Setup_OnAnEmptyDatabase_MakesTheTopOrganizationAndTheAdministrator_Once()
    {
        var data = Path.Combine(Path.GetTempPath(), "pingyi-tests", "setup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var township = await Processes.PingyiAsync(data, "setup", "--code", "520102", "--name", "中共测试县委员会", "--level", "TownshipCommittee");
            var badDate = await Processes.PingyiAsync(data, "setup", "--code", "520102", "--name", "中共测试县委员会", "--established", "1950年1月1日");
            var noName = await Processes.PingyiAsync(data, "setup", "--code", "520102");
            var made = await Processes.PingyiAsync(data, "setup", "--code", "520102", "--name", "中共测试县委员会", "--established", "1950-01-01");
            var again = await Processes.PingyiAsync(data, "setup", "--code", "520103", "--name", "中共另一县委员会");
            var verify = await Processes.PingyiAsync(data, "audit", "verify");

            Assert.Equal((1, 1, 1), (township.ExitCode, badDate.ExitCode, noName.ExitCode));
            Assert.Contains("最上级组织只能是县委、市委或省委", township.Output, StringComparison.Ordinal);
            Assert.Contains("应写作 YYYY-MM-DD", badDate.Output, StringComparison.Ordinal);
            Assert.Contains("组织名称不能为空", noName.Output, StringComparison.Ordinal);
            Assert.Equal(0, made.ExitCode);
            Assert.Contains("已建立最上级组织：中共测试县委员会（520102）", made.Output, StringComparison.Ordinal);
            Assert.Contains("administrator: admin", made.Output, StringComparison.Ordinal);
            Assert.Contains("初始密码 / password (shown once): Py-", made.Output, StringComparison.Ordinal);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("数据库中已有组织", again.Output, StringComparison.Ordinal);
            Assert.Equal(0, verify.ExitCode);

            await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "pingyi.db"), Pooling = false }.ToString());
            await db.OpenAsync();
            async Task<string> Scalar(string sql)
            {
                await using var command = db.CreateCommand();
                command.CommandText = sql;
                return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
            }
            // One organization, no demo county; the administrator bound to it; both audited.
            Assert.Equal("1|520102|/1/|1950-01-01", await Scalar("""SELECT count(*) || '|' || max("Code") || '|' || max("Path") || '|' || max("EstablishedOn") FROM organizations"""));
            Assert.Equal("0", await Scalar("""SELECT count(*) FROM people"""));
            Assert.Equal("admin|1", await Scalar("""SELECT group_concat("UserName" || '|' || "OrganizationId") FROM "AspNetUsers" """));
            Assert.Equal("account.create,organization.create", await Scalar("""SELECT group_concat("Action", ',') FROM (SELECT "Action" FROM audit_entries WHERE "Action" IN ('organization.create', 'account.create') ORDER BY "Action")"""));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, true);
            }
        }
    }
}
