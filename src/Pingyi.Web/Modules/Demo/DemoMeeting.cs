using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Organizations;
using Pingyi.Web.Modules.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// A meeting ready to run in the demo county: the townships' party secretaries report to the county
/// committee under the default scheme. A newcomer prints codes, opens scoring and scores on a phone.
/// </summary>
public sealed class DemoMeeting(PingyiDbContext db, CreateSchemeHandler createScheme, CreateMeetingHandler createMeeting, TimeProvider clock)
{
    public async Task<long?> GenerateAsync(CancellationToken ct = default)
    {
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => o.Id).FirstOrDefaultAsync(ct);
        var townships = await db.Organizations
            .Where(o => o.ParentId == county && o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active
                && db.CadrePositions.Any(c => c.OrganizationId == o.Id && c.Title == PositionTitle.Secretary && c.TermEnd == null))
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        if (townships.Count == 0)
        {
            return null;
        }
        var scheme = await createScheme.HandleAsync(new CreateScheme("乡镇党委书记抓基层党建述职评议方案", county, new SchemeRules { Groups = CreateModel.DefaultGroups }), ct);
        var today = ChinaTime.Today(clock);
        var cycle = $"{today.Year}年{(today.Month <= 6 ? "上半年" : "下半年")}";
        var meeting = await createMeeting.HandleAsync(new CreateMeeting($"{cycle}乡镇党委书记抓基层党建工作述职评议会", cycle, county, MeetingDirection.Upward,
            scheme.Id, today, "县委大会议室", [.. townships.Select(t => new NewReporter(t, ReportText: "一、履行抓党建第一责任人职责情况\n二、存在的主要问题\n三、下一步工作打算"))],
            [new NewGroupSize("committee", 9), new NewGroupSize("leaders", 20), new NewGroupSize("public", 30)]), ct);
        return meeting.Id;
    }
}
