using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Tests.Platform;

/// <summary>Pickers list organizations as the tree does: each followed by its children in their sort order, not in path text order.</summary>
public sealed class TreeOrderTests
{
    private sealed record Org(long Id, long? Parent, int Sort, string Name);

    [Fact]
    public void Organizations_FollowTheTree_NotTheTextOfTheirPaths()
    {
        // Ids chosen so that path text order ("/1/10/" before "/1/9/") and name order (杏 before 城 in code points) are both wrong.
        Org[] orgs =
        [
            new(10, 1, 9, "杏花乡党委"), new(1, null, 0, "青山县委"), new(9, 1, 1, "城关镇党委"), new(11, 9, 2, "西关村党支部"),
            new(12, 9, 1, "东关村党支部"), new(13, 10, 1, "杏花村党支部"),
        ];

        var sorted = TreeOrder.Sort(orgs, o => o.Id, o => o.Parent, o => o.Sort, o => o.Name);

        Assert.Equal(["青山县委", "城关镇党委", "东关村党支部", "西关村党支部", "杏花乡党委", "杏花村党支部"], sorted.Select(x => x.Item.Name));
        Assert.Equal([0, 1, 2, 2, 1, 2], sorted.Select(x => x.Depth));
    }

    [Fact]
    public void AnOrganizationWhoseParentIsNotShown_StartsItsOwnTree()
    {
        Org[] orgs = [new(5, 2, 2, "乙"), new(6, 2, 1, "甲"), new(7, 6, 1, "甲一")];

        var sorted = TreeOrder.Sort(orgs, o => o.Id, o => o.Parent, o => o.Sort, o => o.Name);

        Assert.Equal(["甲", "甲一", "乙"], sorted.Select(x => x.Item.Name));
    }
}
