using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tartware.Reservations.Processing;

/// <summary>The processor loop's last poll, last applied message and last failure, for readiness check <c>reservations-processor</c>.</summary>
internal sealed class ProcessorHealth(TimeProvider time) : IHealthCheck
{
    private long _polledTicks;
    private long _appliedTicks;
    private volatile string? _error;

    public void Polled()
    {
        Interlocked.Exchange(ref _polledTicks, time.GetUtcNow().UtcTicks);
        _error = null;
    }

    public void Applied() => Interlocked.Exchange(ref _appliedTicks, time.GetUtcNow().UtcTicks);

    public void Failed(string error) => _error = error;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var polled = Interlocked.Read(ref _polledTicks);
        var silence = polled == 0 ? (TimeSpan?)null : time.GetUtcNow() - new DateTimeOffset(polled, TimeSpan.Zero);
        var applied = Interlocked.Read(ref _appliedTicks);
        var data = new Dictionary<string, object>
        {
            ["lastApplied"] = applied == 0 ? "never" : new DateTimeOffset(applied, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
        };
        if (_error is { } error)
        {
            return Task.FromResult(HealthCheckResult.Degraded("processor loop failing: " + error, data: data));
        }

        return Task.FromResult(silence is { } s && s > TimeSpan.FromSeconds(30)
            ? HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"processor has not polled for {s.TotalSeconds:0} s"), data: data)
            : HealthCheckResult.Healthy(polled == 0 ? "processor starting" : "processor polling", data));
    }
}
