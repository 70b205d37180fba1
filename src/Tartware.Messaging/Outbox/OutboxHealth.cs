using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tartware.Messaging.Outbox;

/// <summary>Last outcome of the dispatcher loop for readiness: Degraded while it keeps failing.</summary>
internal sealed class OutboxHealth : IHealthCheck
{
    private volatile string? _error;

    public void Succeeded() => _error = null;

    public void Failed(string error) => _error = error;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_error is null
            ? HealthCheckResult.Healthy("outbox dispatcher running")
            : HealthCheckResult.Degraded($"outbox dispatcher failing: {_error}"));
}
