using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using OpenTelemetry;
using Shouldly;
using Tartware.ServiceDefaults.Telemetry;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Sample_ratio_defaults_to_everything()
    {
        TelemetrySettings.From(Config(), "svc").TraceSampleRatio.ShouldBe(1.0);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("0", 0.0)]
    public void Sample_ratio_is_read_with_the_invariant_culture(string raw, double expected)
    {
        TelemetrySettings.From(Config((TelemetrySettings.SampleRatioKey, raw)), "svc").TraceSampleRatio.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("half")]
    public void Invalid_sample_ratio_fails_at_startup(string raw)
    {
        Should.Throw<InvalidOperationException>(() => TelemetrySettings.From(Config((TelemetrySettings.SampleRatioKey, raw)), "svc"))
            .Message.ShouldContain(TelemetrySettings.SampleRatioKey);
    }

    [Fact]
    public void Otlp_is_off_without_an_endpoint()
    {
        // Configuration wins over the environment; the environment of a test machine may set it.
        OtlpSettings.From(Config((OtlpSettings.EndpointKey, " "))).ShouldBeNull();
    }

    [Fact]
    public void Http_protobuf_endpoints_get_the_signal_path_and_grpc_endpoints_do_not()
    {
        var http = OtlpSettings.From(Config((OtlpSettings.EndpointKey, "http://collector:4318/"), (OtlpSettings.ProtocolKey, "http/protobuf")))!;
        var grpc = OtlpSettings.From(Config((OtlpSettings.EndpointKey, "http://collector:4317"), (OtlpSettings.ProtocolKey, "grpc")))!;

        http.ExporterOptions("/v1/traces").Endpoint.ShouldBe(new Uri("http://collector:4318/v1/traces"));
        http.ExporterOptions("/v1/traces").Protocol.ShouldBe(OtlpExportProtocol.HttpProtobuf);
        grpc.ExporterOptions("/v1/traces").Endpoint.ShouldBe(new Uri("http://collector:4317"));
        grpc.MetricExportIntervalMilliseconds.ShouldBe(60_000);
    }

    [Fact]
    public void Unknown_otlp_protocol_fails_at_startup()
    {
        Should.Throw<InvalidOperationException>(() =>
            OtlpSettings.From(Config((OtlpSettings.EndpointKey, "http://collector:4317"), (OtlpSettings.ProtocolKey, "carrier-pigeon"))));
    }

    [Fact]
    public void Resource_names_service_version_instance_and_environment()
    {
        var configuration = Config(("environment", "Staging"));
        var services = new ServiceCollection().AddTartwareTelemetry(configuration, "tartware-reservations");
        using var container = services.BuildServiceProvider();

        var attributes = container.GetRequiredService<TracerProvider>().GetResource().Attributes
            .ToDictionary(a => a.Key, a => a.Value);

        attributes["service.name"].ShouldBe("tartware-reservations");
        attributes["service.version"].ShouldBeOfType<string>().ShouldNotBeEmpty();
        attributes["service.instance.id"].ShouldBeOfType<string>().ShouldNotBeEmpty();
        attributes["deployment.environment"].ShouldBe("Staging");
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
