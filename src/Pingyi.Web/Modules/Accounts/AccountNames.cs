using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>
/// How a record that keeps an account's user name (a signature, an audit entry's actor) shows who acted: the account's display name
/// with the user name, e.g. “县委书记（xianweishuji）”; a user name with no account left, or no display name, as it is.
/// </summary>
public static class AccountNames
{
    /// <param name="withAccount">Add the user name in brackets (a page); without it the display name alone (a document's narrow column).</param>
    public static async Task<Dictionary<string, string>> LabelsAsync(PingyiDbContext db, IEnumerable<string?> userNames, CancellationToken ct, bool withAccount = true)
    {
        var wanted = userNames.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var accounts = await db.Users.Where(u => wanted.Contains(u.UserName!) && u.DisplayName != "").Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return accounts.ToDictionary(a => a.UserName!, a => a.DisplayName == a.UserName || !withAccount ? a.DisplayName : $"{a.DisplayName}（{a.UserName}）", StringComparer.Ordinal);
    }
}
