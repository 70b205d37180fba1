using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Tartware.Messaging;

/// <summary>
/// Carries W3C Trace Context (https://www.w3.org/TR/trace-context/) and Tartware's correlation id in
/// Kafka record headers, so a trace continues from the HTTP request through the outbox to every consumer.
/// The format is written directly rather than through <see cref="DistributedContextPropagator.Current"/>,
/// whose default also emits legacy <c>Request-Id</c> headers.
/// </summary>
public static class KafkaTraceContext
{
    /// <summary>W3C <c>traceparent</c> header: <c>00-{trace-id}-{parent-id}-{flags}</c>.</summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>W3C <c>tracestate</c> header: vendor-specific trace data.</summary>
    public const string TraceStateHeader = "tracestate";

    /// <summary>Tartware correlation id header, kept across hops even when a new trace starts.</summary>
    public const string CorrelationIdHeader = "correlation-id";

    /// <summary>
    /// Writes <c>traceparent</c>/<c>tracestate</c> from <paramref name="activity"/> (default
    /// <see cref="Activity.Current"/>) and the correlation id into <paramref name="headers"/>,
    /// replacing any previous values. Without an activity only the correlation id is written.
    /// </summary>
    /// <param name="headers">Headers of the record about to be produced.</param>
    /// <param name="correlationId">Correlation id; when null the trace id stands in for it.</param>
    /// <param name="activity">Activity to propagate; null means <see cref="Activity.Current"/>.</param>
    public static void Inject(Headers headers, string? correlationId = null, Activity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        activity ??= Activity.Current;
        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            var sampled = activity.ActivityTraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00";
            Set(headers, TraceParentHeader, $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{sampled}");
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                Set(headers, TraceStateHeader, activity.TraceStateString);
            }
            else
            {
                headers.Remove(TraceStateHeader);
            }
        }

        correlationId ??= activity?.TraceId.ToHexString();
        if (!string.IsNullOrEmpty(correlationId))
        {
            Set(headers, CorrelationIdHeader, correlationId);
        }
    }

    /// <summary>
    /// Reads the remote parent context from <paramref name="headers"/>; <see langword="default"/> when the
    /// headers carry no valid <c>traceparent</c> (a consumer then starts a new trace).
    /// </summary>
    public static ActivityContext Extract(Headers? headers)
    {
        var traceParent = Get(headers, TraceParentHeader);
        return traceParent is not null
            && ActivityContext.TryParse(traceParent, Get(headers, TraceStateHeader), isRemote: true, out var context)
            ? context
            : default;
    }

    /// <summary>The correlation id in <paramref name="headers"/>, or null.</summary>
    public static string? GetCorrelationId(Headers? headers) => Get(headers, CorrelationIdHeader);

    private static void Set(Headers headers, string key, string value)
    {
        headers.Remove(key);
        headers.Add(key, Encoding.UTF8.GetBytes(value));
    }

    private static string? Get(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) && bytes is not null
            ? Encoding.UTF8.GetString(bytes)
            : null;
}
