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
            _spans.Enqueue(new ExportedSpan(activity.TraceId, activity.Source.Name, activity.OperationName, activity.Kind));
        }

        return ExportResult.Success;
    }
}

internal sealed record ExportedSpan(ActivityTraceId TraceId, string Source, string OperationName, ActivityKind Kind);
