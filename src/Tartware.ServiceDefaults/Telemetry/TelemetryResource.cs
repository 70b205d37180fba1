using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>The resource attributes every span and metric carries (OTel semantic conventions).</summary>
internal static class TelemetryResource
{
    public static ResourceBuilder Create(TelemetrySettings settings, IServiceProvider services, IConfiguration configuration)
    {
        var environment = ResolveEnvironment(services, configuration);
        return ResourceBuilder.CreateDefault()
            .AddService(
                serviceName: settings.ServiceName,
                serviceVersion: settings.ServiceVersion,
                autoGenerateServiceInstanceId: false,
                serviceInstanceId: settings.ServiceInstanceId)
            .AddAttributes(
            [
                new KeyValuePair<string, object>("deployment.environment", environment),
                // Newer semantic conventions renamed the attribute; emitting both keeps old and new backends happy.
                new KeyValuePair<string, object>("deployment.environment.name", environment),
            ]);
    }

    private static string ResolveEnvironment(IServiceProvider services, IConfiguration configuration) =>
        services.GetService(typeof(IHostEnvironment)) is IHostEnvironment host ? host.EnvironmentName
        : configuration[HostDefaults.EnvironmentKey]
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environments.Production;
}
