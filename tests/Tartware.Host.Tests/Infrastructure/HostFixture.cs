using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Tartware.Host.Tests.Infrastructure.HostFixture))]

namespace Tartware.Host.Tests.Infrastructure;

/// <summary>
/// One running platform (all roles) per test run, on a real Kestrel socket on loopback, against the
/// PostgreSQL, Redis and dev broker started by scripts/test.sh. Test-only endpoints are hidden from
/// the API document so the committed OpenAPI file stays the production one.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        _app = await StartAsync(new Dictionary<string, string?>
        {
            ["Http:MaxRequestBodyBytes"] = "4096",
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimiting:Policies:api:Ip:PermitsPerMinute"] = "100000",
            ["RateLimiting:Policies:api:Ip:Burst"] = "100000",
        });
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    /// <summary>Starts another platform instance with extra configuration (e.g. a dead Redis).</summary>
    public static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = TartwareApp.CreateBuilder(new HostSettings([], Urls: "http://127.0.0.1:0", Overrides: overrides));
        builder.Services.AddSingleton<IValidator<TestEndpoints.EchoRequest>, TestEndpoints.EchoValidator>();
        var app = TartwareApp.Build(builder, TestEndpoints.Map);
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
