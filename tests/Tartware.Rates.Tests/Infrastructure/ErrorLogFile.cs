using Microsoft.Extensions.Logging;

namespace Tartware.Rates.Tests.Infrastructure;

/// <summary>
/// Appends the host's Error and Critical log entries (with exceptions) to a file next to the test
/// binary, so an unexpected 500 during a run can be diagnosed: test stdout is not kept.
/// </summary>
internal sealed class ErrorLogFile : ILoggerProvider
{
    private static readonly Lock Gate = new();
    private readonly string _path = Path.Combine(AppContext.BaseDirectory, "rates-host-errors.log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Append(string line)
    {
        lock (Gate)
        {
            File.AppendAllText(_path, line + Environment.NewLine);
        }
    }

    private sealed class FileLogger(ErrorLogFile owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Append($"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
