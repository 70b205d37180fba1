using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

/// <summary>Keeps what reaches the export stage, exactly where OTLP would receive it.</summary>
internal sealed class InMemoryActivityExporter : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();

    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    public IReadOnlyList<ExportedSpan> InTrace(ActivityTraceId traceId) => [.. _spans.Where(s => s.TraceId == traceId)];

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            _spans.Enqueue(new ExportedSpan(
                activity.TraceId,
                activity.Source.Name,
                activity.OperationName,
                activity.DisplayName,
                activity.Kind,
                activity.Status,
                activity.TagObjects.ToDictionary(t => t.Key, t => t.Value)));
        }

        return ExportResult.Success;
    }
}

internal sealed record ExportedSpan(
    ActivityTraceId TraceId,
    string Source,
    string OperationName,
    string DisplayName,
    ActivityKind Kind,
    ActivityStatusCode Status,
    IReadOnlyDictionary<string, object?> Tags)
{
    public bool IsServer => Source == "Microsoft.AspNetCore" && Kind == ActivityKind.Server;
}
