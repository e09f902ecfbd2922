namespace Pingyi.Web.Infrastructure;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize, int defaultSize = 50) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize));
}

/// <param name="Parameter">The query parameter of the page number, for a page with two lists.</param>
public sealed record PagerModel(int Page, int Pages, int Total, string? QueryString, string Parameter = "page")
{
    public string Link(int page)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryString);
        var parts = query.Where(kv => kv.Key != Parameter).SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"));
        return "?" + string.Join("&", parts.Append($"{Parameter}={Math.Max(1, page)}"));
    }
}
