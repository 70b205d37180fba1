using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tartware.Messaging.Tests.Infrastructure;

/// <summary>Builds the real Kafka registrations (AddTartwareKafka) over in-memory configuration.</summary>
public static class TestServices
{
    /// <summary>Low fetch wait: the mock holds an empty fetch for the full fetch.wait.max.ms.</summary>
    public const string FetchWaitMaxMs = "20";

    /// <summary>The mock makes a group whose last member left wait this long (less 1 s) for a new member.</summary>
    public const string SessionTimeoutMs = "6000";

    public static ServiceProvider Create(string bootstrapServers, IDictionary<string, string?>? extra = null, ListLoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:FetchWaitMaxMs"] = FetchWaitMaxMs,
            ["Kafka:SessionTimeoutMs"] = SessionTimeoutMs,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddTartwareKafka(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
