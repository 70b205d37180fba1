using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tartware.ServiceDefaults.Health;

/// <summary>
/// Base for dependency checks: bounds each probe with a timeout and turns any exception into an
/// Unhealthy result with a short message (never the connection string or a stack trace).
/// </summary>
public abstract class TimedHealthCheck : IHealthCheck
{
    /// <summary>What a failed probe reports: Unhealthy (readiness 503) unless the dependency is degradable.</summary>
    protected virtual HealthStatus FailureStatus => HealthStatus.Unhealthy;

    /// <summary>How long one probe may take before it counts as a failure.</summary>
    protected virtual TimeSpan Timeout => TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var description = await ProbeAsync(timeout.Token);
            return HealthCheckResult.Healthy(description);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(FailureStatus, $"No answer within {Timeout.TotalSeconds:0.#} s.");
        }
#pragma warning disable CA1031 // a probe must report, not throw
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(FailureStatus, $"{ex.GetType().Name}: {Describe(ex)}");
        }
    }

    /// <summary>Performs the probe; returns a short description of what answered.</summary>
    protected abstract Task<string> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>A message safe to show on the readiness page.</summary>
    protected virtual string Describe(Exception exception) => "unreachable";
}
