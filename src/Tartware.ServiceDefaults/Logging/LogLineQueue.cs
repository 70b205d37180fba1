using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Bounded hand-off between request threads and the output. A request thread only does a non-blocking
/// <c>TryWrite</c>; one dedicated thread writes lines and flushes when the queue runs dry. When the output cannot
/// keep up, lines are dropped and counted (metric <c>tartware.logging.dropped_lines</c> and a notice line once it
/// catches up) rather than stalling requests on a full stdout pipe.
/// </summary>
internal sealed class LogLineQueue : IDisposable
{
    public const string MeterName = "Tartware.Logging";
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<string> _channel;
    private readonly TextWriter _output;
    private readonly Func<long, string> _droppedNotice;
    private readonly Counter<long>? _droppedCounter;
    private readonly Thread _writer;
    private long _dropped;
    private long _droppedSinceNotice;

    public LogLineQueue(TextWriter output, int capacity, Func<long, string> droppedNotice, IMeterFactory? meters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        (_output, _droppedNotice) = (output, droppedNotice);
        _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // Wait makes TryWrite return false when full, so drops are counted.
            SingleReader = true,
        });
        _droppedCounter = meters?.Create(MeterName).CreateCounter<long>("tartware.logging.dropped_lines", "{line}", "Log lines dropped because the output could not keep up.");
        _writer = new Thread(Run) { IsBackground = true, Name = "tartware-log-writer" };
        _writer.Start();
    }

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void Enqueue(string line)
    {
        if (!_channel.Writer.TryWrite(line))
        {
            CountDropped();
        }
    }

    /// <summary>Stops accepting lines and waits (bounded) until everything queued is written and flushed.</summary>
    public void Dispose()
    {
        if (_channel.Writer.TryComplete())
        {
            _writer.Join(FlushTimeout);
        }
    }

    private void CountDropped()
    {
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _droppedSinceNotice);
        _droppedCounter?.Add(1);
    }

    private void Run()
    {
        var reader = _channel.Reader;
        while (WaitToRead(reader))
        {
            while (reader.TryRead(out var line))
            {
                WriteDroppedNotice();
                Write(line);
            }

            WriteDroppedNotice();
            Flush();
        }
    }

    // A dedicated thread may block: this keeps stdout writes off the thread pool.
    private static bool WaitToRead(ChannelReader<string> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void WriteDroppedNotice()
    {
        var dropped = Interlocked.Exchange(ref _droppedSinceNotice, 0);
        if (dropped > 0)
        {
            Write(_droppedNotice(dropped));
        }
    }

    private void Write(string line)
    {
        try
        {
            _output.Write(line);
            _output.Write('\n');
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            CountDropped(); // A closed stdout must not kill the writer thread or the process.
        }
    }

    private void Flush()
    {
        try
        {
            _output.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nothing to report to: the output itself is gone.
        }
    }
}
