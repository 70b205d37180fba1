using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Redis;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with the Tartware problem details, Redis and rate limiting, and two route
/// groups: <c>/limited</c> under policy <c>test</c> and <c>/login</c> under <c>auth</c>. A stand-in for the
/// authentication middleware turns <c>X-Test-User</c> / <c>X-Test-Tenant</c> headers into <c>sub</c> and
/// <c>tenant_id</c> claims. Every host gets its own Redis key prefix unless it is given one to share.
/// </summary>
internal sealed class RateLimitTestHost : IAsyncDisposable
{
    public const string DeadRedis = "127.0.0.1:1,connectTimeout=500";

    private readonly WebApplication _app;

    private RateLimitTestHost(WebApplication app, DecisionRecorder decisions, CapturedLogs logs)
    {
        _app = app;
        Decisions = decisions;
        Logs = logs;
        BaseAddress = new Uri(app.Urls.Single());
        Client = CreateClient();
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public DecisionRecorder Decisions { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static string NewKeyPrefix() => $"t:rl:{Guid.NewGuid():N}"[..22] + ":";

    /// <summary>Starts a host; with <paramref name="waitForRedis"/> it returns once Redis answers, as readiness would.</summary>
    public static async Task<RateLimitTestHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        string? keyPrefix = null,
        Action<IServiceCollection>? configureServices = null,
        bool waitForRedis = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        var defaults = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = TestSettings.RedisConfiguration,
            ["Redis:KeyPrefix"] = keyPrefix ?? NewKeyPrefix(),
        };
        if (waitForRedis)
        {
            // Tests of what Redis decides must not drift into the fallback when two shared cores are busy
            // (a hammered test host can take longer than 250 ms); the fallback tests keep the default.
            defaults["RateLimiting:RedisTimeoutMilliseconds"] = "5000";
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTartwareProblemDetails();
        builder.Services.AddTartwareRedis(builder.Configuration);
        builder.Services.AddTartwareRateLimiting(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseTartwareProblemDetails();
        app.Use(SignInFromTestHeaders);
        app.UseTartwareRateLimiting();
        app.MapGroup("/limited").RequireTartwareRateLimit("test").MapGet("/", () => "ok");
        app.MapGroup("/login").RequireTartwareRateLimit(RateLimitingOptions.AuthPolicy).MapPost("/", () => "ok");
        app.VerifyTartwareRateLimitPolicies();

        var decisions = new DecisionRecorder(app.Services);
        await app.StartAsync(TestContext.Current.CancellationToken);
        if (waitForRedis)
        {
            await app.Services.GetRequiredService<IRedisStore>().PingAsync();
        }

        return new RateLimitTestHost(app, decisions, logs);
    }

    /// <summary>A client whose connections come from <paramref name="sourceAddress"/> (any 127.x address is loopback).</summary>
    public HttpClient CreateClient(string sourceAddress = "127.0.0.1") =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>GET /limited as <paramref name="user"/> of <paramref name="tenant"/> (anonymous when null).</summary>
    public Task<HttpResponseMessage> GetLimitedAsync(string? user = null, string? tenant = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/limited/", UriKind.Relative));
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        if (tenant is not null)
        {
            request.Headers.Add("X-Test-Tenant", tenant);
        }

        return (client ?? Client).SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Status codes of <paramref name="count"/> sequential requests.</summary>
    public async Task<List<HttpStatusCode>> GetLimitedManyAsync(int count, string? user = null, string? tenant = null, HttpClient? client = null)
    {
        var statuses = new List<HttpStatusCode>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await GetLimitedAsync(user, tenant, client);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Decisions.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static Task SignInFromTestHeaders(HttpContext context, RequestDelegate next)
    {
        var claims = new List<Claim>();
        if (context.Request.Headers["X-Test-User"].ToString() is { Length: > 0 } user)
        {
            claims.Add(new Claim(RateLimitPartitionKey.SubjectClaim, user));
        }

        if (context.Request.Headers["X-Test-Tenant"].ToString() is { Length: > 0 } tenant)
        {
            claims.Add(new Claim(RateLimitPartitionKey.TenantClaim, tenant));
        }

        if (claims.Count > 0)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        }

        return next(context);
    }
}
