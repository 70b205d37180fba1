using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Refuses to start a host that has a logger provider outside the redacting pipeline (someone called
/// <c>AddConsole()</c>, <c>AddDebug()</c> or <c>AddOpenTelemetry()</c> after <c>AddTartwareLogging</c>): such a
/// provider would write guest data unredacted. Fail closed at startup rather than leak in production.
/// </summary>
internal sealed class LoggingRedactionGuard(IEnumerable<ILoggerProvider> providers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var unredacted = providers
            .Where(p => p is not (JsonConsoleLoggerProvider or RedactingLoggerProvider))
            .Select(p => p.GetType().FullName)
            .ToList();
        if (unredacted.Count > 0)
        {
            throw new InvalidOperationException(
                $"Logger provider(s) {string.Join(", ", unredacted)} bypass log redaction. Register sinks through AddTartwareLogging only.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
