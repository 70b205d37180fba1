using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Logging;

namespace Tartware.ServiceDefaults.Tests.Logging.Support;

/// <summary>
/// A real logging pipeline (<c>AddTartwareLogging</c>) writing into <see cref="CapturedOutput"/>.
/// <see cref="Flush"/> disposes the container, which drains the queue, then returns every line.
/// </summary>
internal sealed class LogCapture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 15, 250, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public LogCapture(
        Action<IServiceCollection>? configureServices = null,
        Dictionary<string, string?>? settings = null,
        Action<TartwareLoggingOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? new() { ["Logging:LogLevel:Default"] = "Trace" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration); // OpenTelemetry reads OTEL_* settings from it.
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        configureServices?.Invoke(services);
        services.AddLogging(logging => logging.AddTartwareLogging(configuration, options =>
        {
            options.Output = Output;
            configure?.Invoke(options);
        }));
        _services = services.BuildServiceProvider();
    }

    public CapturedOutput Output { get; } = new();

    public IServiceProvider Services => _services;

    public ILogger Logger(string category = "Tartware.Tests") => _services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

    public IReadOnlyList<string> Flush()
    {
        _services.Dispose();
        return Output.Lines;
    }

    /// <summary>Logs through <paramref name="log"/>, flushes and returns the one line written, checked to be valid JSON.</summary>
    public static (string Line, JsonElement Json) LogOne(Action<ILogger> log, Action<IServiceCollection>? configureServices = null)
    {
        using var capture = new LogCapture(configureServices);
        log(capture.Logger());
        var lines = capture.Flush();
        lines.Count.ShouldBe(1, string.Join('\n', lines));
        return (lines[0], LogJson.Parse(lines[0]));
    }

    public void Dispose() => _services.Dispose();
}
