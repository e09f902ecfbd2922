namespace Pingyi.Web.Infrastructure;

/// <summary>
/// Organizations in tree order, as the organization page shows them: each one followed by its children in their sort
/// order (then by name), with its depth below the topmost shown. Not path text order, where "/1/10/" sorts before "/1/9/".
/// </summary>
public static class TreeOrder
{
    public static IReadOnlyList<(T Item, int Depth)> Sort<T>(IReadOnlyList<T> items, Func<T, long> id, Func<T, long?> parent, Func<T, int> sortOrder, Func<T, string> name)
    {
        var ids = items.Select(id).ToHashSet();
        var children = items.ToLookup(i => parent(i) is { } p && ids.Contains(p) ? p : (long?)null);
        var result = new List<(T, int)>(items.Count);
        var stack = new Stack<(T Item, int Depth)>();
        foreach (var root in Ordered(children[null]).Reverse())
        {
            stack.Push((root, 0));
        }
        while (stack.Count > 0)
        {
            var (item, depth) = stack.Pop();
            result.Add((item, depth));
            foreach (var child in Ordered(children[id(item)]).Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }
        return result;

        IEnumerable<T> Ordered(IEnumerable<T> list) => list.OrderBy(sortOrder).ThenBy(name, StringComparer.Ordinal).ToList();
    }
}
