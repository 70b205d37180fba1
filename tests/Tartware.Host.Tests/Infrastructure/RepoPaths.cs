namespace Tartware.Host.Tests.Infrastructure;

internal static class RepoPaths
{
    /// <summary>The checkout root: the nearest parent with Tartware.slnx.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tartware.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tartware.slnx not found above " + AppContext.BaseDirectory);
    }
}
