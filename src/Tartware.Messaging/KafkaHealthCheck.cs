using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tartware.Messaging;

/// <summary>
/// Readiness: asks the cluster for metadata within 2 s. One admin client is kept for the life of the
/// process because creating a librdkafka handle per probe would open new connections every time.
/// </summary>
internal sealed class KafkaHealthCheck : IHealthCheck, IDisposable
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly Lazy<IAdminClient> _admin;

    public KafkaHealthCheck(KafkaClientFactory clients)
    {
        _admin = new(() => clients.CreateAdminClient("health", config =>
        {
            // Reconnect quickly once the broker is back, so readiness recovers within a probe or two.
            config.ReconnectBackoffMaxMs = 1_000;
        }), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // GetMetadata blocks for up to the timeout; keep it off the caller's thread.
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(Timeout), cancellationToken);
            var data = new Dictionary<string, object> { ["brokers"] = metadata.Brokers.Count };
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"Kafka answered with {metadata.Brokers.Count} broker(s).", data)
                : HealthCheckResult.Unhealthy("Kafka answered metadata without any broker.", data: data);
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy(
                $"Kafka metadata request failed within {Timeout.TotalSeconds:0} s: {ex.Error.Reason}",
                data: new Dictionary<string, object> { ["error"] = ex.Error.Code.ToString() });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Kafka health check was cancelled.");
        }
        catch (Exception ex)
        {
            // A probe must report, never throw: configuration errors surface here too.
            return HealthCheckResult.Unhealthy($"Kafka health check failed: {ex.GetType().Name}", ex);
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
