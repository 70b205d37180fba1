using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tartware.Identity.Keys;

/// <summary>Readiness: tokens can be issued and verified only once a signing key is loaded.</summary>
internal sealed class SigningKeyHealthCheck(SigningKeyStore keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.HasCurrentKey
            ? HealthCheckResult.Healthy("signing key loaded")
            : HealthCheckResult.Unhealthy("no signing key loaded yet (database unreachable?)"));
}
