namespace Tartware.BuildTools;

/// <summary>Command-line entry: parses arguments and dispatches to <see cref="ReportCommand"/>.</summary>
internal static class Cli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private const string Usage = """
        usage: Tartware.BuildTools report --results <dir> --repo <repoRoot> [--update-baseline] [--skip-coverage]

          --results <dir>      directory given to `dotnet test --results-directory` (*.trx, coverage.cobertura.xml)
          --repo <repoRoot>    repository root (holds src/ and build/coverage-baseline.json)
          --update-baseline    raise build/coverage-baseline.json to the measured coverage (never lowers it)
          --skip-coverage      do not check coverage (for filtered runs)
        """;

    public static int Run(string[] args, TextWriter output, string toolCommand)
    {
        if (!TryParse(args, out var options, out var error))
        {
            output.WriteLine(error);
            output.WriteLine(Usage);
            return UsageError;
        }

        return new ReportCommand(output, toolCommand).Run(options);
    }

    internal static bool TryParse(string[] args, out ReportOptions options, out string error)
    {
        options = new ReportOptions("", "", false, false);
        error = "";
        if (args.Length == 0 || args[0] != "report")
        {
            error = args.Length == 0 ? "missing command" : $"unknown command '{args[0]}'";
            return false;
        }

        string? results = null;
        string? repo = null;
        var update = false;
        var skipCoverage = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--results" when i + 1 < args.Length:
                    results = args[++i];
                    break;
                case "--repo" when i + 1 < args.Length:
                    repo = args[++i];
                    break;
                case "--update-baseline":
                    update = true;
                    break;
                case "--skip-coverage":
                    skipCoverage = true;
                    break;
                default:
                    error = $"unknown or incomplete option '{args[i]}'";
                    return false;
            }
        }

        if (results is null || repo is null)
        {
            error = "both --results and --repo are required";
            return false;
        }

        options = new ReportOptions(results, repo, update, skipCoverage);
        return true;
    }

    /// <summary>How to invoke this tool again, for the ratchet hint: relative to the working directory when possible.</summary>
    public static string DefaultToolCommand()
    {
        var dll = typeof(Cli).Assembly.Location;
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, dll);
        return "dotnet " + Quote(relative.StartsWith("..", StringComparison.Ordinal) ? dll : relative);
    }

    internal static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "/._-+=:,@".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>Parsed arguments of the <c>report</c> command.</summary>
internal sealed record ReportOptions(string ResultsDirectory, string RepoRoot, bool UpdateBaseline, bool SkipCoverage = false);
