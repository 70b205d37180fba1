using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Architecture;

/// <summary>
/// Output goes through logging (redacted, structured, non-blocking). Writing to the console or the debug/trace
/// listeners bypasses all of that, so only the two real stdout sinks may touch the console.
/// </summary>
public sealed partial class NoConsoleOutputTests
{
    private static readonly string[] AllowedFiles =
    [
        "src/Tartware.Host/Cli/CliOutput.cs", // the CLI's command results, not logs
        "src/Tartware.ServiceDefaults/Logging/StandardOutput.cs", // the JSON log sink itself
    ];

    [Fact]
    public void No_source_file_writes_to_the_console_or_debug_output()
    {
        var root = FindRepositoryRoot();
        var violations = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Where(path => !AllowedFiles.Contains(path, StringComparer.Ordinal))
            .SelectMany(path => Scan(path, File.ReadAllText(Path.Combine(root, path))))
            .ToList();

        violations.ShouldBeEmpty("Use ILogger instead of console/debug output:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_scanner_reports_each_violation_with_file_and_line_and_ignores_comments()
    {
        const string sample = """
            using System.Diagnostics;
            // Console.WriteLine("in a comment is fine");
            /* Console.Out in a block comment
               is fine too */
            class Sample
            {
                void Run()
                {
                    Console.WriteLine("leak");
                    System.Console.Error.Write("leak");
                    Debug.WriteLine("leak");
                    Trace.Write("leak");
                    var logger = "Console.WriteLine inside a string";
                    Console.Out.Flush();
                }
            }
            """;

        Scan("src/Sample.cs", sample).ShouldBe(
        [
            "src/Sample.cs:9: Console.WriteLine(\"leak\");",
            "src/Sample.cs:10: System.Console.Error.Write(\"leak\");",
            "src/Sample.cs:11: Debug.WriteLine(\"leak\");",
            "src/Sample.cs:12: Trace.Write(\"leak\");",
            "src/Sample.cs:14: Console.Out.Flush();",
        ]);
    }

    [Fact]
    public void The_scanner_catches_using_static_console()
    {
        Scan("src/Other.cs", "using static System.Console;\nclass C { void M() => WriteLine(1); }").ShouldHaveSingleItem().ShouldStartWith("src/Other.cs:1:");
    }

    internal static IEnumerable<string> Scan(string path, string source)
    {
        var lines = source.Split('\n');
        var inBlockComment = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var code = StripCommentsAndStrings(lines[i], ref inBlockComment);
            if (ConsoleUse().IsMatch(code))
            {
                yield return $"{path}:{i + 1}: {lines[i].Trim()}";
            }
        }
    }

    private static string StripCommentsAndStrings(string line, ref bool inBlockComment)
    {
        var code = new System.Text.StringBuilder(line.Length);
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            if (inBlockComment)
            {
                if (c == '*' && next == '/')
                {
                    inBlockComment = false;
                    i++;
                }
            }
            else if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '/' && next == '/')
            {
                break;
            }
            else if (c == '/' && next == '*')
            {
                inBlockComment = true;
                i++;
            }
            else if (c == '"')
            {
                inString = true;
                code.Append("\"\"");
            }
            else
            {
                code.Append(c);
            }
        }

        return code.ToString();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tartware.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Tartware.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bConsole\s*\.\s*(?:Write|WriteLine|Out|Error|OpenStandardOutput|OpenStandardError)\b|\b(?:Debug|Trace)\s*\.\s*(?:Write\w*|Print|Trace(?:Information|Warning|Error))\b|using\s+static\s+System\.Console\b|=\s*System\.Console\s*;")]
    private static partial Regex ConsoleUse();
}
