namespace Pingyi.Web.Modules.Audit;

/// <summary>Chinese names of recorded actions, for the audit page; unknown actions show their code.</summary>
public static class AuditActionNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["organization.create"] = "新建组织",
        ["organization.rename"] = "组织更名",
        ["organization.move"] = "组织迁移",
        ["organization.merge"] = "组织合并",
        ["organization.dissolve"] = "组织撤销",
        ["person.create"] = "登记人员",
        ["person.update"] = "修改人员信息",
        ["person.transfer"] = "组织关系转接",
        ["position.assign"] = "任职",
        ["position.end"] = "免职",
        ["import.roster"] = "导入花名册",
        ["import.organizations"] = "导入组织机构",
        ["export.roster"] = "导出花名册",
        ["export.organizations"] = "导出组织机构",
        ["export.audit"] = "导出审计记录",
        ["account.signin"] = "登录",
        ["account.signin-failed"] = "登录失败",
        ["account.token-failed"] = "获取令牌失败",
        ["account.2fa-failed"] = "验证码错误",
        ["account.lockout"] = "账号锁定（失败过多）",
        ["account.create"] = "新建账号",
        ["account.update"] = "修改账号",
        ["account.lock"] = "锁定账号",
        ["account.unlock"] = "解锁账号",
        ["account.password-reset"] = "重设密码",
        ["account.password-change"] = "修改密码",
        ["account.2fa-enable"] = "开启两步验证",
        ["account.2fa-disable"] = "关闭两步验证",
        ["token.create"] = "新建令牌",
        ["token.revoke"] = "吊销令牌",
        ["demo.generate"] = "载入演示数据",
    };

    public static string Chinese(string action) => Names.GetValueOrDefault(action, action);
}
