using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Tests.RateLimiting.Support;

/// <summary>One structured log entry as the provider received it.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, string?> State);

/// <summary>Keeps every log entry of a host in memory, with its structured properties.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public IReadOnlyList<CapturedLog> WithEventId(int id) => [.. _entries.Where(e => e.EventId.Id == id)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    properties[key] = value?.ToString();
                }
            }

            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), properties));
        }
    }
}
