using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Identity;
using Tartware.Host;
using Xunit;

namespace Tartware.Identity.Tests.Infrastructure;

/// <summary>Test classes that talk to the running platform join this collection (pure unit tests do not).</summary>
[CollectionDefinition(Name)]
public sealed class IdentityHostCollection : ICollectionFixture<IdentityHost>
{
    public const string Name = "identity-host";
}

/// <summary>
/// One platform per test run against the PostgreSQL, Redis and broker of scripts/test.sh. Tests
/// isolate themselves with fresh tenants (unique slugs and usernames), never by order.
/// </summary>
public sealed class IdentityHost : IAsyncLifetime
{
    public const string Password = "correct horse battery staple 42";
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        var builder = TartwareApp.CreateBuilder(new HostSettings([], Urls: "http://127.0.0.1:0",
            Overrides: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                // Every test logs in from 127.0.0.1: lift the per-IP login limit (its own test sets a low one).
                ["RateLimiting:Policies:auth:Ip:PermitsPerMinute"] = "100000",
                ["RateLimiting:Policies:auth:Ip:Burst"] = "100000",
                ["RateLimiting:Policies:api:Ip:PermitsPerMinute"] = "100000",
                ["RateLimiting:Policies:api:Ip:Burst"] = "100000",
            }));
        _app = TartwareApp.Build(builder);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    /// <summary>A new tenant with an owner whose password is <see cref="Password"/>.</summary>
    public async Task<(TenantProvisioned Tenant, string Username)> NewTenantAsync(string? username = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        username ??= "owner-" + id;
        var tenant = await Services.GetRequiredService<ITenantProvisioning>().CreateTenantAsync(
            new TenantProvisioningRequest($"Hotel {id}", "t-" + id, "INDEPENDENT", username, $"{username}@example.test", Password));
        return (tenant, username);
    }

    public Task<HttpResponseMessage> LoginAsync(string username, string password = Password, Guid? tenantId = null, string? totpCode = null) =>
        Client.PostAsJsonAsync("/v1/auth/login", new { username, password, tenantId, totpCode });

    public async Task<JsonElement> LoginOkAsync(string username, Guid? tenantId = null)
    {
        var response = await LoginAsync(username, tenantId: tenantId);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"login failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<HttpResponseMessage> GetAsync(string path, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Client.SendAsync(request);
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
