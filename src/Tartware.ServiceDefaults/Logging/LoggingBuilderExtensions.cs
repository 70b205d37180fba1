using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>Tartware's logging pipeline: redacted JSON lines on stdout, plus redacted OTLP export when configured.</summary>
public static class LoggingBuilderExtensions
{
    /// <summary>
    /// Replaces every logger provider by the redacting JSON console provider (one object per line on stdout,
    /// written off the request thread) and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, OpenTelemetry's OTLP
    /// exporter behind the same redaction. Levels come from <c>Logging:LogLevel</c>. Do not add providers after
    /// this call: a hosted guard stops the host if a provider bypasses redaction.
    /// </summary>
    public static ILoggingBuilder AddTartwareLogging(this ILoggingBuilder logging, IConfiguration configuration) =>
        logging.AddTartwareLogging(configuration, configure: null);

    internal static ILoggingBuilder AddTartwareLogging(this ILoggingBuilder logging, IConfiguration configuration, Action<TartwareLoggingOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TartwareLoggingOptions();
        configure?.Invoke(options);

        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));

        var services = logging.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SensitiveDataRegistry>();
        services.TryAddSingleton(sp => new LogRedactor(sp.GetRequiredService<IOptions<SensitiveDataRegistry>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, JsonConsoleLoggerProvider>(sp =>
        {
            var formatter = new LogLineFormatter(sp.GetRequiredService<LogRedactor>(), sp.GetRequiredService<TimeProvider>());
            var queue = new LogLineQueue(options.Output ?? StandardOutput.Open(), options.QueueCapacity, formatter.DroppedNotice, sp.GetService<IMeterFactory>());
            return new JsonConsoleLoggerProvider(formatter, queue);
        }));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LoggingRedactionGuard>());

        if (OpenTelemetryLogExport.IsConfigured(configuration))
        {
            OpenTelemetryLogExport.Add(logging, options.ConfigureOpenTelemetry);
        }

        return logging;
    }
}
