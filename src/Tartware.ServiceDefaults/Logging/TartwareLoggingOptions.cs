using OpenTelemetry.Logs;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>Seams for tests and tuning; hosts use the defaults.</summary>
internal sealed class TartwareLoggingOptions
{
    /// <summary>Where JSON lines go; <c>null</c> means the process's stdout.</summary>
    public TextWriter? Output { get; set; }

    /// <summary>Lines buffered between request threads and the output before new lines are dropped.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Extra OpenTelemetry logging configuration (tests add an in-memory processor here).</summary>
    public Action<OpenTelemetryLoggerOptions>? ConfigureOpenTelemetry { get; set; }
}
