namespace Pingyi.Web.Modules.Requests;

/// <summary>The Chinese names of the requests' enumerations.</summary>
public static class RequestText
{
    public static string Source(RequestSource source) => source switch
    {
        RequestSource.GridGroup => "网格群",
        RequestSource.PublicPage => "网上",
        RequestSource.Open311 => "Open311 接口",
        _ => "上门或电话",
    };

    /// <summary>Who filed a request without an account, as kept in its steps: the public page, an Open311 client.</summary>
    public static string Filer(RequestSource source) => source == RequestSource.Open311 ? "open311" : "public";

    /// <summary>A step's actor as staff read it: an account's name, or who it was without one.</summary>
    public static string Actor(string userName) => userName switch
    {
        "public" or "PublicPage" => "群众",
        "open311" or "Open311" => "第三方应用",
        "demo" => "演示数据",
        "system" => "系统",
        _ => userName,
    };
}
