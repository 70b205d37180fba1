using System.Text;

namespace Tartware.Messaging.Tests.Infrastructure;

/// <summary>A thread-safe <see cref="TextWriter"/> that collects complete lines, for code writing from another task.</summary>
public sealed class LineCapture : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _current = new();
    private readonly List<string> _lines = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Add(_current.ToString().TrimEnd('\r'));
                _current.Clear();
            }
            else
            {
                _current.Append(value);
            }
        }
    }
}
