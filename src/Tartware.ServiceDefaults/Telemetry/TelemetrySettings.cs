using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Everything the pipelines read from configuration, parsed and validated once at registration so a
/// bad value fails the host at startup instead of silently dropping telemetry.
/// </summary>
internal sealed record TelemetrySettings(
    string ServiceName,
    string ServiceVersion,
    string ServiceInstanceId,
    double TraceSampleRatio,
    OtlpSettings? Otlp)
{
    public const string SampleRatioKey = "Telemetry:TraceSampleRatio";

    public static TelemetrySettings From(IConfiguration configuration, string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var entry = Assembly.GetEntryAssembly() ?? typeof(TelemetrySettings).Assembly;
        return new TelemetrySettings(
            serviceName,
            Telemetry.ServiceVersion.Of(entry),
            // One id per process, shared by traces and metrics so backends can join them.
            Guid.NewGuid().ToString("N"),
            ReadSampleRatio(configuration),
            OtlpSettings.From(configuration));
    }

    private static double ReadSampleRatio(IConfiguration configuration)
    {
        var raw = configuration[SampleRatioKey];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1.0;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) || ratio is < 0 or > 1)
        {
            throw new InvalidOperationException($"{SampleRatioKey} must be a number between 0 and 1 (got '{raw}').");
        }

        return ratio;
    }
}

/// <summary>
/// OTLP export is on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or configuration),
/// so a developer machine without a collector does not spend a thread retrying a dead port.
/// </summary>
internal sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, int MetricExportIntervalMilliseconds)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string MetricIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    public static OtlpSettings? From(IConfiguration configuration)
    {
        var endpoint = Read(configuration, EndpointKey);
        if (endpoint is null)
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{EndpointKey} must be an absolute URI (got '{endpoint}').");
        }

        var protocol = Read(configuration, ProtocolKey) switch
        {
            null or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{ProtocolKey} must be 'grpc' or 'http/protobuf' (got '{other}')."),
        };

        var interval = Read(configuration, MetricIntervalKey) is { } raw
            && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 60_000;
        return new OtlpSettings(uri, protocol, interval);
    }

    /// <summary>
    /// The exporter appends <c>/v1/traces</c> itself only when it reads the endpoint from the environment;
    /// we set the endpoint in code (it may come from configuration), so for http/protobuf we append the
    /// signal path ourselves (OTLP spec, "Endpoint URLs for OTLP/HTTP").
    /// </summary>
    public OtlpExporterOptions ExporterOptions(string signalPath)
    {
        var endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + signalPath)
            : Endpoint;
        return new OtlpExporterOptions { Endpoint = endpoint, Protocol = Protocol };
    }

    private static string? Read(IConfiguration configuration, string key)
    {
        var value = configuration[key] ?? Environment.GetEnvironmentVariable(key);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
