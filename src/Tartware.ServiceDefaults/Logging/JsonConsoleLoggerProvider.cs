using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Tartware's console sink: one redacted JSON object per line, written off the request thread. Filter rules under
/// <c>Logging:Console:LogLevel</c> apply to it as well as the global <c>Logging:LogLevel</c>.
/// </summary>
[ProviderAlias("Console")]
internal sealed class JsonConsoleLoggerProvider(LogLineFormatter formatter, LogLineQueue queue) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, JsonConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    internal LogLineQueue Queue => queue;

    private LogLineFormatter Formatter => formatter;

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new JsonConsoleLogger(name, this));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Flushes what is queued (bounded wait), so the last lines before shutdown are not lost.</summary>
    public void Dispose() => queue.Dispose();

    private sealed class JsonConsoleLogger(string category, JsonConsoleLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string line;
            try
            {
                line = provider.Formatter.Format(category, logLevel, eventId, state, exception, formatter, provider._scopes);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Logging must never throw into the caller, and a half-redacted entry must never be written.
                line = provider.Formatter.Fallback(category, logLevel, eventId, failure);
            }

            provider.Queue.Enqueue(line);
        }
    }
}
