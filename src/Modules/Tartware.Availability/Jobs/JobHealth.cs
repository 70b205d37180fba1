using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tartware.Availability.Jobs;

/// <summary>Last outcome of each guard loop, for readiness: a loop that keeps failing or stops ticking is Degraded.</summary>
internal sealed class JobHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? Error)> _last = new(StringComparer.Ordinal);

    public void Succeeded(string loop) => _last[loop] = (time.GetUtcNow(), null);

    public void Failed(string loop, string error) => _last.AddOrUpdate(loop, _ => (DateTimeOffset.MinValue, error), (_, old) => (old.At, error));

    public IReadOnlyDictionary<string, (DateTimeOffset At, string? Error)> Snapshot => _last;
}

/// <summary>Readiness check <c>availability-jobs</c>.</summary>
internal sealed class JobHealthCheck(JobHealth health, IOptions<AvailabilityOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.SweepInterval * 10 + TimeSpan.FromSeconds(30);
        var failing = health.Snapshot.Where(kv => kv.Value.Error is not null || (kv.Key == nameof(HoldSweeper) && now - kv.Value.At > limit))
            .Select(kv => $"{kv.Key}: {kv.Value.Error ?? "no sweep for " + (now - kv.Value.At).TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " s"}")
            .ToList();
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("guard loops running")
            : HealthCheckResult.Degraded(string.Join("; ", failing)));
    }
}
