using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// OTLP log export, switched on by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the logs-specific variable), with the
/// OpenTelemetry logger provider wrapped in <see cref="RedactingLoggerProvider"/> so exported records carry the
/// same redacted message, attributes, scopes and exception as the console.
/// </summary>
internal static class OpenTelemetryLogExport
{
    private static readonly string[] EndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    public static bool IsConfigured(IConfiguration configuration) =>
        EndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key] ?? Environment.GetEnvironmentVariable(key)));

    public static void Add(ILoggingBuilder logging, Action<OpenTelemetryLoggerOptions>? configure)
    {
        logging.AddOpenTelemetry(options =>
        {
            options.IncludeFormattedMessage = true;
            options.IncludeScopes = true; // Scopes carry correlationId; they are redacted by the wrapper's scope provider.
            options.AddOtlpExporter();
            configure?.Invoke(options);
        });
        WrapProviders(logging.Services);
    }

    /// <summary>
    /// Replaces OpenTelemetry's <see cref="ILoggerProvider"/> registration by a wrapped one. Fails loudly if the
    /// registration is not found (a package upgrade changed it): exporting unredacted is not an option.
    /// </summary>
    internal static void WrapProviders(IServiceCollection services)
    {
        var wrapped = 0;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService || !IsOpenTelemetry(descriptor))
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<ILoggerProvider, RedactingLoggerProvider>(sp =>
                new RedactingLoggerProvider(CreateInner(descriptor, sp), sp.GetRequiredService<LogRedactor>()));
            wrapped++;
        }

        if (wrapped == 0)
        {
            throw new InvalidOperationException("OpenTelemetry's logger provider registration was not found, so its output cannot be redacted.");
        }
    }

    private static bool IsOpenTelemetry(ServiceDescriptor descriptor) =>
        descriptor.ImplementationType == typeof(OpenTelemetryLoggerProvider)
        || descriptor.ImplementationInstance is OpenTelemetryLoggerProvider
        || descriptor.ImplementationFactory?.Method.ReturnType == typeof(OpenTelemetryLoggerProvider);

    private static ILoggerProvider CreateInner(ServiceDescriptor descriptor, IServiceProvider services) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
