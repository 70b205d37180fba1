using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Logging;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port: request logging first, an exception handler after it (as
/// the service defaults order them), and a few endpoints. Its log output is captured.
/// </summary>
internal sealed class RequestLoggingHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ActivityListener _listener;

    private RequestLoggingHost(WebApplication app, ActivityListener listener, HttpClient client, CapturedOutput output) =>
        (_app, _listener, Client, Output) = (app, listener, client, output);

    public HttpClient Client { get; }

    public CapturedOutput Output { get; }

    public static async Task<RequestLoggingHost> StartAsync(string minimumLevel = "Debug")
    {
        // ASP.NET Core only creates its request activity when someone listens.
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);

        var output = new CapturedOutput();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Configuration["Logging:LogLevel:Default"] = minimumLevel;
        builder.Logging.AddTartwareLogging(builder.Configuration, o => o.Output = output);

        var app = builder.Build();
        app.UseTartwareRequestLogging();
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        }));
        app.MapGet("/reservations/{id}", (string id) => Results.Ok(new
        {
            id,
            tag = Activity.Current?.GetTagItem("correlation.id") as string,
            baggage = Activity.Current?.GetBaggageItem("correlation.id"),
        }));
        app.MapGet("/guests/{id}/fail", (string id) =>
        {
            throw new InvalidOperationException($"Guest anna@example.com (id {id}) could not be loaded");
        });
        app.MapGet("/health/live", () => "ok");
        await app.StartAsync(TestContext.Current.CancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RequestLoggingHost(app, listener, new HttpClient { BaseAddress = new Uri(address) }, output);
    }

    /// <summary>The request log line of the request with this correlation id (written after the response went out).</summary>
    public Task<string> RequestLineAsync(string correlationId) =>
        Output.WaitForLineAsync(line => line.Contains("\"category\":\"Tartware.Http.Requests\"", StringComparison.Ordinal)
            && line.Contains(correlationId, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _listener.Dispose();
    }
}
