using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

public sealed class LogLineQueueTests
{
    [Fact]
    public async Task A_stalled_output_drops_lines_with_a_counter_instead_of_blocking_the_caller()
    {
        var output = new StalledOutput();
        using var capture = new LogCapture(configure: o =>
        {
            o.Output = output;
            o.QueueCapacity = 2;
        });
        var logger = capture.Logger();

        logger.LogInformation("first");
        await output.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            logger.LogInformation("burst {Index}", i);
        }

        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "logging must not wait for the stalled output");
        var provider = capture.Services.GetServices<ILoggerProvider>().OfType<JsonConsoleLoggerProvider>().Single();
        provider.Queue.DroppedCount.ShouldBe(48);

        output.Release();
        capture.Flush();
        var lines = output.Lines;
        lines.Count.ShouldBe(4); // first, the two that fit in the queue, and the notice
        var notice = lines.Select(LogJson.Parse).Single(l => l.TryGetProperty("eventName", out var name) && name.GetString() == "LogLinesDropped");
        notice.GetProperty("level").GetString().ShouldBe("Warning");
        notice.GetProperty("properties").GetProperty("droppedLines").GetInt64().ShouldBe(48);
    }

    /// <summary>An output whose first write blocks until released, like a full stdout pipe.</summary>
    private sealed class StalledOutput : TextWriter
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly StringBuilder _text = new();

        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public IReadOnlyList<string> Lines => _text.ToString().Split('\n')[..^1];

        public void Release() => _released.Set();

        public override void Write(char value) => _text.Append(value);

        public override void Write(string? value)
        {
            WriteStarted.TrySetResult();
            _released.Wait();
            _text.Append(value);
        }

        protected override void Dispose(bool disposing)
        {
            _released.Dispose();
            base.Dispose(disposing);
        }
    }
}
