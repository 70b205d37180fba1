using Microsoft.Extensions.Options;

namespace Tartware.Messaging;

/// <summary>Fails startup with messages that name the configuration key to fix.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    private const string Prefix = KafkaOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add($"{Prefix}BootstrapServers is required: a broker list such as 'kafka-1:9092,kafka-2:9092', "
                + $"or '{KafkaOptions.Embedded}' for an in-process mock cluster (non-durable, dev/test only).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Prefix}ClientId must not be empty.");
        }

        if (options.FetchWaitMaxMs is < 0 or > 300_000)
        {
            failures.Add($"{Prefix}FetchWaitMaxMs must be between 0 and 300000 (was {options.FetchWaitMaxMs}).");
        }

        if (options.EmbeddedBrokers is < 1 or > 32)
        {
            failures.Add($"{Prefix}EmbeddedBrokers must be between 1 and 32 (was {options.EmbeddedBrokers}).");
        }

        if (options.SessionTimeoutMs is < 1_000 or > 3_600_000)
        {
            failures.Add($"{Prefix}SessionTimeoutMs must be between 1000 and 3600000 (was {options.SessionTimeoutMs}).");
        }

        failures.AddRange(options.TopicErrors);
        foreach (var duplicate in options.Topics.GroupBy(t => t.Name).Where(g => g.Count() > 1))
        {
            failures.Add($"{Prefix}Topics lists '{duplicate.Key}' more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
