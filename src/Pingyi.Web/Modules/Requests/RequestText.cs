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
}
