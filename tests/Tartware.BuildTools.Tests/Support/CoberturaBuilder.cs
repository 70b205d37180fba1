namespace Tartware.BuildTools.Tests.Support;

/// <summary>Builds a coverlet-shaped Cobertura report, repeating each line under &lt;method&gt; as coverlet does.</summary>
internal sealed class CoberturaBuilder
{
    private readonly List<string> _sources = [];
    private readonly List<(string Package, string File, int Line, int Hits)> _lines = [];

    public CoberturaBuilder WithSource(string source)
    {
        _sources.Add(source);
        return this;
    }

    public CoberturaBuilder WithLine(string package, string file, int line, int hits)
    {
        _lines.Add((package, file, line, hits));
        return this;
    }

    /// <summary>Lines first..last of a file, the first <paramref name="covered"/> of them hit.</summary>
    public CoberturaBuilder WithLines(string package, string file, int count, int covered)
    {
        for (var i = 1; i <= count; i++)
        {
            WithLine(package, file, i, i <= covered ? 3 : 0);
        }

        return this;
    }

    public string WriteTo(TempDirectory directory, string relativePath) => directory.Write(relativePath, Build());

    public string Build()
    {
        var packages = string.Concat(_lines.GroupBy(l => l.Package).Select(p => $"""
            <package name="{p.Key}" line-rate="0" branch-rate="0" complexity="1"><classes>{Classes(p)}</classes></package>
            """));
        var sources = string.Concat(_sources.Select(s => $"<source>{s}</source>"));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <coverage line-rate="0" branch-rate="0" version="1.9" timestamp="1700000000" lines-covered="0" lines-valid="0">
              <sources>{sources}</sources>
              <packages>{packages}</packages>
            </coverage>
            """;
    }

    private static string Classes(IEnumerable<(string Package, string File, int Line, int Hits)> lines) =>
        string.Concat(lines.GroupBy(l => l.File).Select(f =>
        {
            var xml = string.Concat(f.Select(l => $"""<line number="{l.Line}" hits="{l.Hits}" branch="False" />"""));
            return $"""
                <class name="C" filename="{f.Key}" line-rate="0" branch-rate="0" complexity="1">
                  <methods><method name="M" signature="()" line-rate="0" branch-rate="0" complexity="1"><lines>{xml}</lines></method></methods>
                  <lines>{xml}</lines>
                </class>
                """;
        }));
}
