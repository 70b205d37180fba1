namespace Tartware.BuildTools.Text;

/// <summary>A fixed-width plain-text table for CI logs: no colour, no box-drawing characters.</summary>
internal sealed class TextTable
{
    private const string Gap = "  ";
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]?> _rows = [];

    public TextTable(params (string Header, bool RightAligned)[] columns)
    {
        _headers = [.. columns.Select(c => c.Header)];
        _rightAligned = [.. columns.Select(c => c.RightAligned)];
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>A dashed line, e.g. before a totals row.</summary>
    public void AddSeparator() => _rows.Add(null);

    public void WriteTo(TextWriter output)
    {
        var widths = _headers
            .Select((header, i) => _rows.Select(r => r?[i].Length ?? 0).Append(header.Length).Max())
            .ToArray();
        var dashes = widths.Select(w => new string('-', w)).ToArray();
        WriteLine(output, _headers, widths);
        WriteLine(output, dashes, widths);
        foreach (var row in _rows)
        {
            WriteLine(output, row ?? dashes, widths);
        }
    }

    private void WriteLine(TextWriter output, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => _rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        output.WriteLine(string.Join(Gap, padded).TrimEnd());
    }
}
