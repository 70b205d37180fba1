using System.Text;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging.Support;

/// <summary>The sink the logging pipeline writes to in tests: real output, read back line by line.</summary>
internal sealed class CapturedOutput : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Complete lines written so far (a line counts once its '\n' arrived).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                var all = _text.ToString().Split('\n');
                return all[..^1];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    /// <summary>Polls until a line satisfies <paramref name="predicate"/>; the writer thread flushes asynchronously.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var match = Lines.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching log line. Output so far:\n{string.Join('\n', Lines)}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
