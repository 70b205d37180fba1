using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

/// <summary>The OTLP path: what OpenTelemetry's processors (and so the exporter) receive is already redacted.</summary>
public sealed class OpenTelemetryRedactionTests
{
    private static readonly Dictionary<string, string?> OtlpSettings = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9", // Nothing listens: the export on dispose fails fast.
        ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000",
    };

    [Fact]
    public void Records_reaching_OpenTelemetry_carry_only_redacted_message_attributes_scopes_and_exception()
    {
        var records = new List<string>();
        using var capture = new LogCapture(settings: OtlpSettings, configure: o => o.ConfigureOpenTelemetry = otel => otel.AddProcessor(new CapturingProcessor(records)));
        var logger = capture.Logger();

        using (logger.BeginScope(new Dictionary<string, object?> { ["guestPhone"] = "+48 600 700 800", ["correlationId"] = "corr-1" }))
        {
            logger.LogError(
                new InvalidOperationException("Card 4111111111111111 rejected for anna@example.com"),
                "Charge for {GuestName} with {Password} failed: {Detail}",
                "Anna Kowalska",
                "hunter2",
                "iban DE89 3704 0044 0532 0130 00");
        }

        capture.Flush();
        records.Count.ShouldBe(1);
        var record = records[0];
        foreach (var raw in new[] { "600 700 800", "4111111111111111", "anna@example.com", "Anna Kowalska", "hunter2", "DE89 3704" })
        {
            record.ShouldNotContain(raw, Case.Insensitive);
        }

        record.ShouldContain("message=Charge for [REDACTED:personName] with [REDACTED:secret] failed: iban [REDACTED:iban]");
        record.ShouldContain("GuestName=[REDACTED:personName]");
        record.ShouldContain("scope guestPhone=[REDACTED:phone]");
        record.ShouldContain("scope correlationId=corr-1");
        record.ShouldContain("exception.message=Card [REDACTED:card] rejected for [REDACTED:email]");
    }

    [Fact]
    public void No_unwrapped_OpenTelemetry_provider_is_registered()
    {
        using var capture = new LogCapture(settings: OtlpSettings);

        var providers = capture.Services.GetServices<ILoggerProvider>().ToList();

        providers.ShouldNotContain(p => p is OpenTelemetryLoggerProvider);
        providers.OfType<RedactingLoggerProvider>().Single().Inner.ShouldBeOfType<OpenTelemetryLoggerProvider>();
        providers.OfType<JsonConsoleLoggerProvider>().Count().ShouldBe(1);
    }

    [Fact]
    public void Without_an_endpoint_only_the_console_provider_is_registered()
    {
        using var capture = new LogCapture();

        capture.Services.GetServices<ILoggerProvider>().ShouldHaveSingleItem().ShouldBeOfType<JsonConsoleLoggerProvider>();
    }

    /// <summary>Reads a record the way an exporter does (message, body, attributes, scopes, exception) into one string.</summary>
    private sealed class CapturingProcessor(List<string> records) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var text = new List<string> { $"message={data.FormattedMessage}", $"body={data.Body}" };
            text.AddRange(data.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? []);
            data.ForEachScope(static (scope, lines) =>
            {
                foreach (var item in scope)
                {
                    lines.Add($"scope {item.Key}={item.Value}");
                }
            }, text);
            if (data.Exception is { } exception)
            {
                text.Add($"exception.message={exception.Message}");
                text.Add($"exception.text={exception}");
            }

            lock (records)
            {
                records.Add(string.Join('\n', text));
            }
        }
    }
}
