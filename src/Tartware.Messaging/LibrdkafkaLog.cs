using Microsoft.Extensions.Logging;

namespace Tartware.Messaging;

/// <summary>Maps librdkafka's syslog levels onto <see cref="LogLevel"/> so its logs go through ILogger.</summary>
internal static class LibrdkafkaLog
{
    /// <summary>librdkafka uses syslog(3) severities: 0 emergency … 7 debug.</summary>
    public static LogLevel ToLogLevel(int syslogLevel) => syslogLevel switch
    {
        <= 2 => LogLevel.Critical,
        3 => LogLevel.Error,
        4 => LogLevel.Warning,
        5 or 6 => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
