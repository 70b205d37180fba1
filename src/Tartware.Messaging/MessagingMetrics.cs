using System.Diagnostics.Metrics;

namespace Tartware.Messaging;

/// <summary>
/// Instruments of the <c>Tartware.Messaging</c> meter. Errors surface here (and in health) rather
/// than as exceptions, because librdkafka reports most of them asynchronously and retries itself.
/// </summary>
internal sealed class MessagingMetrics
{
    /// <summary>Meter name to enable in OpenTelemetry (<c>AddMeter("Tartware.Messaging")</c>).</summary>
    public const string MeterName = "Tartware.Messaging";

    private readonly Counter<long> _clientErrors;
    private readonly Counter<long> _provisioningErrors;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        // Exported to Prometheus as kafka_client_errors_total / kafka_topic_provisioning_errors_total.
        _clientErrors = meter.CreateCounter<long>(
            "kafka.client.errors", "{error}", "Errors librdkafka reported on a producer, consumer or admin client.");
        _provisioningErrors = meter.CreateCounter<long>(
            "kafka.topic.provisioning.errors", "{error}", "Topics that could not be created at startup.");
    }

    /// <param name="clientKind">producer, consumer or admin.</param>
    /// <param name="code">librdkafka error code name, a bounded set.</param>
    /// <param name="fatal">Whether the client is unusable from now on.</param>
    public void ClientError(string clientKind, string code, bool fatal) =>
        _clientErrors.Add(1,
            new KeyValuePair<string, object?>("kafka.client.kind", clientKind),
            new KeyValuePair<string, object?>("error.type", code),
            new KeyValuePair<string, object?>("kafka.error.fatal", fatal));

    public void ProvisioningError(string topic) =>
        _provisioningErrors.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", topic));
}
