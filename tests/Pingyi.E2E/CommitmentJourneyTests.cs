using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>A branch drafts and submits its commitment on a phone; the township sends it back, then approves and publishes; progress with a photo rolls up and a resident sees it on the public board.</summary>
public sealed class CommitmentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ABranchCommitsOnAPhone_TheTownshipApprovesAndPublishes_AndProgressShows()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var branch = await browser.SignInAsync(app, "v11sec", phone: true);
        var township = await browser.SignInAsync(app, "t1admin");
        township.Dialog += (_, dialog) => dialog.AcceptAsync();

        await branch.GotoAsync("/Commitments");
        await branch.GetByRole(AriaRole.Link, new() { Name = "起草承诺" }).ClickAsync();
        await branch.GetByLabel("承诺年度").FillAsync("2027");
        await branch.GetByLabel("承诺标题").FillAsync("东村党支部2027年度公开承诺");
        await branch.GetByLabel("第 1 项：承诺目标").FillAsync("新建党员活动室一处");
        await branch.Locator("#category-0").FillAsync("阵地建设");
        await branch.Locator("#deadline-0").FillAsync("2027-06-30");
        // A second row with a target but no deadline: refused beside its field, what was typed kept.
        await branch.GetByLabel("第 2 项：承诺目标").FillAsync("发展党员2名");
        await branch.Locator("#category-1").FillAsync("队伍建设");
        await branch.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(branch.Locator("#deadline-1 + .invalid-feedback")).ToContainTextAsync("第 2 项：完成时限应在承诺期（2027年）内");
        await Assertions.Expect(branch.GetByLabel("第 1 项：承诺目标")).ToHaveValueAsync("新建党员活动室一处");
        await branch.Locator("#deadline-1").FillAsync("2027-12-31");
        await branch.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await branch.GetByRole(AriaRole.Button, new() { Name = "报诺（提交上级定诺）" }).ClickAsync();
        await Assertions.Expect(branch.Locator("#state")).ToHaveTextAsync("待定诺");
        var overflow = await branch.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the commitment page is wider than a 390 px phone");
        var address = branch.Url;

        await township.GotoAsync(address);
        await township.GetByLabel("退回理由", new() { Exact = true }).FillAsync("第二项请写明发展对象的培养时间");
        await township.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(township.Locator("#state")).ToHaveTextAsync("起草中");

        await branch.ReloadAsync();
        await Assertions.Expect(branch.GetByText("上级退回修改：第二项请写明发展对象的培养时间")).ToBeVisibleAsync();
        await branch.GetByRole(AriaRole.Button, new() { Name = "报诺（提交上级定诺）" }).ClickAsync();

        await township.ReloadAsync();
        await township.GetByRole(AriaRole.Button, new() { Name = "定诺" }).ClickAsync();
        await township.GetByRole(AriaRole.Button, new() { Name = "亮诺（公开）" }).ClickAsync();
        await Assertions.Expect(township.Locator("#state")).ToHaveTextAsync("践诺中");

        await branch.ReloadAsync();
        var first = branch.Locator("[data-item]").First;
        await first.GetByText("报告进展").ClickAsync();
        await first.GetByLabel("完成进度（%）").FillAsync("100");
        await first.GetByLabel("进展说明").FillAsync("活动室已建成并投入使用");
        // A photo taken on the phone goes with the report as evidence.
        await first.GetByLabel("佐证材料（照片等）").SetInputFilesAsync(new FilePayload
        {
            Name = "活动室.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3],
        });
        await first.GetByRole(AriaRole.Button, new() { Name = "报告" }).ClickAsync();
        await Assertions.Expect(branch.GetByRole(AriaRole.Status)).ToContainTextAsync("进展已报告，附佐证材料 1 个。");
        await Assertions.Expect(branch.GetByRole(AriaRole.Progressbar, new() { Name = "践诺进度" })).ToHaveAttributeAsync("aria-valuenow", "50");
        await Assertions.Expect(branch.Locator("[data-item]").First.GetByRole(AriaRole.Link, new() { Name = "活动室.png" })).ToBeVisibleAsync();
        await branch.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-commitment-390.png"), FullPage = true });

        await branch.GotoAsync("/Commitments");
        await Assertions.Expect(branch.GetByRole(AriaRole.Row).Filter(new() { HasText = "东村党支部2027年度公开承诺" })).ToContainTextAsync("50%");

        // A resident on a phone, not signed in, finds it on the township's public board with its progress.
        var resident = await browser.AnonymousPhoneAsync(app);
        await resident.GotoAsync("/Public/Commitments?year=2027");
        await resident.GetByLabel("地区").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await Assertions.Expect(resident.Locator("[data-count=made]")).ToHaveTextAsync("1");
        var entry = resident.Locator("[data-commitment]").Filter(new() { HasText = "东村党支部2027年度公开承诺" });
        await Assertions.Expect(entry.GetByRole(AriaRole.Progressbar, new() { Name = "践诺进度" })).ToHaveAttributeAsync("aria-valuenow", "50");
        await entry.GetByText("承诺事项（2 项）").ClickAsync();
        await Assertions.Expect(entry).ToContainTextAsync("新建党员活动室一处");
        Assert.False(await resident.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the public board is wider than a 390 px phone");
        await resident.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-public-commitments-390.png"), FullPage = true });
    }
}
