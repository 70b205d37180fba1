using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Identity;
using Tartware.Host;
using Xunit;

namespace Tartware.Testing;

/// <summary>
/// One running platform (all roles, a free loopback port) per test collection, against the
/// PostgreSQL, Redis and broker of scripts/test.sh. Tests isolate themselves with fresh tenants
/// (<see cref="NewTenantAsync"/>), never by order. A test project declares its own collection:
/// <c>[CollectionDefinition("x")] public sealed class XCollection : ICollectionFixture&lt;PlatformHost&gt;;</c>
/// </summary>
public class PlatformHost : IAsyncLifetime
{
    /// <summary>The password of every owner <see cref="NewTenantAsync"/> creates.</summary>
    public const string Password = "correct horse battery staple 42";

    private WebApplication? _app;
    private IServiceProvider? _services;

    /// <summary>A client for the host's base address (no token).</summary>
    public HttpClient Client { get; protected set; } = null!;

    /// <summary>The host's services (façades, options).</summary>
    public IServiceProvider Services => _services ?? _app!.Services;

    /// <summary>
    /// For a platform that runs out of process (<see cref="UseRemote"/>): the façades come from a built but
    /// never started app against the same database, the HTTP calls go to the remote API.
    /// </summary>
    protected void UseRemote(IServiceProvider services, Uri api)
    {
        _services = services;
        Client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Configuration overrides on top of the test environment; subclasses add their own.</summary>
    protected virtual Dictionary<string, string?> Overrides() => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Roles"] = Roles,
        // Every test calls from 127.0.0.1: lift the per-IP limits (the limit tests set low ones on their own hosts).
        ["RateLimiting:Policies:auth:Ip:PermitsPerMinute"] = "100000",
        ["RateLimiting:Policies:auth:Ip:Burst"] = "100000",
        ["RateLimiting:Policies:api:Ip:PermitsPerMinute"] = "100000",
        ["RateLimiting:Policies:api:Ip:Burst"] = "100000",
        ["RateLimiting:Policies:api:User:PermitsPerMinute"] = "100000",
        ["RateLimiting:Policies:api:User:Burst"] = "100000",
        ["RateLimiting:Policies:api:Tenant:PermitsPerMinute"] = "100000",
        ["RateLimiting:Policies:api:Tenant:Burst"] = "100000",
    };

    /// <summary>
    /// The roles this host runs. Every role but the reservation processor by default: one in-process
    /// processor per test run (the reservation tests' host, which asks for "all") keeps the consumer group
    /// from rebalancing each time another project's host starts or stops.
    /// </summary>
    protected virtual string Roles => "api,dispatcher,guard,jobs";

    /// <summary>Test-only services on top of the platform's (e.g. a façade participant that records or refuses calls).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        var builder = TartwareApp.CreateBuilder(new HostSettings([], Urls: "http://127.0.0.1:0", Overrides: Overrides()));
        ConfigureServices(builder.Services);
        _app = TartwareApp.Build(builder);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    /// <summary>A new tenant with an owner whose password is <see cref="Password"/>.</summary>
    public async Task<(TenantProvisioned Tenant, string Username)> NewTenantAsync(string? username = null, string type = "INDEPENDENT")
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        username ??= "owner-" + id;
        var tenant = await Services.GetRequiredService<ITenantProvisioning>().CreateTenantAsync(
            new TenantProvisioningRequest($"Hotel {id}", "t-" + id, type, username, $"{username}@example.test", Password));
        return (tenant, username);
    }

    /// <summary>A new tenant and its owner's access token: the usual start of an API test.</summary>
    public async Task<TenantSession> NewTenantSessionAsync()
    {
        var (tenant, username) = await NewTenantAsync();
        var login = await LoginOkAsync(username);
        return new TenantSession(tenant.TenantId, tenant.OwnerUserId, username, login.GetProperty("accessToken").GetString()!);
    }

    /// <summary>POST /v1/auth/login.</summary>
    public Task<HttpResponseMessage> LoginAsync(string username, string password = Password, Guid? tenantId = null, string? totpCode = null) =>
        Client.PostAsJsonAsync("/v1/auth/login", new { username, password, tenantId, totpCode });

    /// <summary>Logs in and returns the body; throws with the answer when the login fails.</summary>
    public async Task<JsonElement> LoginOkAsync(string username, Guid? tenantId = null, string password = Password)
    {
        var response = await LoginAsync(username, password, tenantId);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"login failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GET with a bearer token.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string accessToken) => SendAsync(HttpMethod.Get, path, accessToken);

    /// <summary>Any method with a bearer token and an optional JSON body and extra headers.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accessToken, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Sends and parses the JSON answer, failing with the body when the status is not the expected one.</summary>
    public async Task<JsonElement> SendExpectingAsync(int expectedStatus, HttpMethod method, string path, string? accessToken, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var response = await SendAsync(method, path, accessToken, body, headers);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expectedStatus)
        {
            throw new InvalidOperationException($"{method} {path}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A tenant, its owner and the owner's access token.</summary>
public sealed record TenantSession(Guid TenantId, Guid OwnerUserId, string Username, string AccessToken);
