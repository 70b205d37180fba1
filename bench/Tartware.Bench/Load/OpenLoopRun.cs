using System.Collections.Concurrent;

namespace Tartware.Bench.Load;

/// <summary>
/// Drives one <see cref="LoadPlan"/>. A single dispatcher takes send times from the schedule and the
/// clock only; each request's latency is measured from its intended send time, not from when it
/// actually left, so a stalled server shows its stall in the percentiles (coordinated omission
/// corrected). When <see cref="LoadPlan.MaxInFlight"/> requests are outstanding the next send is
/// counted as an <c>overflow</c> error instead of being delayed, which would bend the schedule.
/// </summary>
internal sealed class OpenLoopRun
{
    private readonly LoadPlan _plan;
    private readonly Func<long, CancellationToken, Task<Outcome>> _send;
    private readonly TimeProvider _time;
    private readonly Action<Outcome>? _observe;
    private readonly Lock _gate = new();
    private readonly LatencyHistogram _latency = new();
    private readonly TimelineBucket[] _timeline;
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _expected = new(StringComparer.Ordinal);
    private long _start;
    private long _sent;
    private long _ok;
    private long _expectedCount;
    private long _errorCount;
    private long _overflow;
    private long _measured;
    private int _inFlight;

    public OpenLoopRun(LoadPlan plan, Func<long, CancellationToken, Task<Outcome>> send, TimeProvider time, Action<Outcome>? observe = null)
    {
        _plan = plan;
        _send = send;
        _time = time;
        _observe = observe;
        _timeline = new TimelineBucket[(int)Math.Ceiling(plan.Duration.TotalSeconds) + 1];
        for (var i = 0; i < _timeline.Length; i++)
        {
            _timeline[i] = new TimelineBucket();
        }
    }

    /// <summary>Intended send offsets actually used, in order (tests prove they ignore responses).</summary>
    public ConcurrentQueue<TimeSpan> IntendedOffsets { get; } = new();

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var schedule = _plan.Schedule();
        var total = schedule.TotalRequests;
        var pending = new List<Task>();
        _start = _time.GetTimestamp();
        for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var intended = schedule.At(i);
            try
            {
                await WaitUntilAsync(intended, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            IntendedOffsets.Enqueue(intended);
            Interlocked.Increment(ref _sent);
            var bucket = _timeline[Math.Min(_timeline.Length - 1, (int)intended.TotalSeconds)];
            Interlocked.Increment(ref bucket.Sent);
            if (Interlocked.Increment(ref _inFlight) > _plan.MaxInFlight)
            {
                Interlocked.Decrement(ref _inFlight);
                Complete(intended, bucket, Outcome.Error(0, "overflow"), answered: false);
                Interlocked.Increment(ref _overflow);
                continue;
            }

            pending.Add(ExecuteAsync(i, intended, bucket, cancellationToken));
            if (pending.Count > 4096)
            {
                pending.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(pending);
        return Result();
    }

    /// <summary>
    /// Never early: a timer may fire a little before its time, and an early send would shorten the
    /// latency we report. Sleep for the whole wait; only what a timer leaves over (under 1 ms) is
    /// yielded away, so the dispatcher does not spin a core at high rates.
    /// </summary>
    private async Task WaitUntilAsync(TimeSpan intended, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = intended - _time.GetElapsedTime(_start);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            else
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public LoadSnapshot Snapshot()
    {
        long p99;
        lock (_gate)
        {
            p99 = _latency.ValueAt(99);
        }

        return new(_time.GetElapsedTime(_start), Interlocked.Read(ref _sent), Interlocked.Read(ref _ok), Interlocked.Read(ref _expectedCount),
            Interlocked.Read(ref _errorCount), Volatile.Read(ref _inFlight), p99);
    }

    private async Task ExecuteAsync(long index, TimeSpan intended, TimelineBucket bucket, CancellationToken cancellationToken)
    {
        // Hand the rest to the thread pool at once: the dispatcher must never wait on a request.
        await Task.Yield();
        Outcome outcome;
        try
        {
            outcome = await _send(index, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = Outcome.Error(0, "timeout");
        }
        catch (HttpRequestException)
        {
            outcome = Outcome.Error(0, "connect");
        }
        catch (OperationCanceledException)
        {
            outcome = Outcome.Error(0, "cancelled");
        }
#pragma warning disable CA1031 // a load generator counts every failure instead of dying on it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = Outcome.Error(0, ex.GetType().Name);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        Complete(intended, bucket, outcome, answered: outcome.Kind != OutcomeKind.Error);
    }

    private void Complete(TimeSpan intended, TimelineBucket bucket, Outcome outcome, bool answered)
    {
        var latencyMicros = (long)((_time.GetElapsedTime(_start) - intended).Ticks / (TimeSpan.TicksPerMillisecond / 1000.0));
        var measured = intended >= _plan.Warmup;
        _observe?.Invoke(outcome);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                Interlocked.Increment(ref _ok);
                Interlocked.Increment(ref bucket.Ok);
                break;
            case OutcomeKind.Expected:
                Interlocked.Increment(ref _expectedCount);
                Interlocked.Increment(ref bucket.Ok);
                if (measured)
                {
                    _expected.AddOrUpdate(outcome.Key, 1, (_, n) => n + 1);
                }

                break;
            default:
                Interlocked.Increment(ref _errorCount);
                Interlocked.Increment(ref bucket.Errors);
                if (measured)
                {
                    _errors.AddOrUpdate(outcome.Key, 1, (_, n) => n + 1);
                }

                break;
        }

        lock (_gate)
        {
            if (answered)
            {
                bucket.Latency.Record(latencyMicros);
            }

            if (measured)
            {
                _measured++;
                if (answered)
                {
                    _latency.Record(latencyMicros);
                }
            }
        }
    }

    private LoadResult Result()
    {
        // Warm-up requests are only in the timeline; the totals below count measured ones.
        var expected = _expected.Values.Sum();
        var errors = _errors.Values.Sum();

        return new LoadResult
        {
            TargetRate = _plan.Rate,
            Duration = _plan.Duration,
            Warmup = _plan.Warmup,
            Scheduled = _plan.Schedule().TotalRequests,
            Measured = _measured,
            Ok = _measured - expected - errors,
            Expected = expected,
            Errors = errors,
            Overflow = Interlocked.Read(ref _overflow),
            ErrorsByKey = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
            ExpectedByKey = new SortedDictionary<string, long>(_expected, StringComparer.Ordinal),
            Latency = _latency,
            Timeline = [.. _timeline.Select((b, i) => new TimelineSecond(i, i < _plan.Warmup.TotalSeconds, b.Sent, b.Ok, b.Errors, b.Latency))
                .Where(t => t.Sent > 0)],
        };
    }

    private sealed class TimelineBucket
    {
        public long Sent;
        public long Ok;
        public long Errors;

        public LatencyHistogram Latency { get; } = new();
    }
}
