namespace Pingyi.Web.Tests.Support;

/// <summary>The repository's root folder (where Pingyi.slnx is), found upwards from the test's binaries.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pingyi.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Pingyi.slnx) is not above " + AppContext.BaseDirectory);
    }
}
