using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>The big screen of the meeting room: live counts while scoring, results with a chart once closed.</summary>
public sealed class BoardModel(MeetingAccess access, IStringLocalizer<UiText> localizer) : PageModel
{
    public long Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Labels { get; private set; } = "{}";

    public string Names { get; private set; } = "{}";

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        var (meeting, _) = await access.MeetingAsync(id, ct);
        Id = id;
        Title = meeting.Title;
        string[] keys = ["正在评议", "已投", "应到", "实到", "评分未开始", "评分已结束", "试运行", "已发布", "连接中断，正在重连…", "已连接", "综合得分", "名述职人同时评分"];
        Labels = localizer.LabelsJson(keys);
        Names = GradeText.ScriptNames(localizer);
    }
}
