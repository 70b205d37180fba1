using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Puts <see cref="LogRedactor"/> in front of a provider that formats and ships logs itself (OpenTelemetry's):
/// the inner loggers receive a <see cref="RedactedLogState"/> with a formatter that returns the redacted message,
/// a <see cref="RedactedException"/> instead of the original, and a scope provider that hands out redacted scopes.
/// </summary>
/// <remarks>Carries OpenTelemetry's alias so <c>Logging:OpenTelemetry:LogLevel</c> filter rules keep working.</remarks>
[ProviderAlias("OpenTelemetry")]
internal sealed class RedactingLoggerProvider(ILoggerProvider inner, LogRedactor redactor) : ILoggerProvider, ISupportExternalScope
{
    internal ILoggerProvider Inner => inner;

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new RedactingScopeProvider(scopeProvider, redactor));
        }
    }

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, LogRedactor redactor) : ILogger
    {
        // Only reached when the factory does not manage scopes itself; the scope is redacted before it is stored.
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(redactor.RedactScope(state) ?? string.Empty);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            RedactedLogState redacted;
            RedactedException? redactedException;
            try
            {
                redacted = redactor.RedactState(state, exception, formatter);
                redactedException = exception is null ? null : new RedactedException(redactor.RedactException(exception));
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Fail closed: the sink gets a notice instead of a possibly unredacted entry.
                redacted = new RedactedLogState([], $"Log entry could not be redacted ({failure.GetType().Name}).", null);
                redactedException = null;
            }

            inner.Log(logLevel, eventId, redacted, redactedException, RedactedLogState.Formatter);
        }
    }

    private sealed class RedactingScopeProvider(IExternalScopeProvider inner, LogRedactor redactor) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope(static (scope, s) => s.callback(s.redactor.RedactScope(scope), s.state), (callback, state, redactor));

        public IDisposable Push(object? state) => inner.Push(state);
    }
}
