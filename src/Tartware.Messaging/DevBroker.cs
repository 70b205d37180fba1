using Microsoft.Extensions.Logging;
using Tartware.Messaging.Mock;

namespace Tartware.Messaging;

/// <summary>
/// Body of <c>tartware dev-broker</c>: a librdkafka mock cluster in its own process, shared by the
/// host and the tests that scripts/test.sh runs. In-memory and NON-DURABLE: dev and test only.
/// </summary>
public static class DevBroker
{
    /// <summary>The prefix of the one line scripts read the broker list from.</summary>
    public const string BootstrapLinePrefix = "bootstrap.servers=";

    /// <summary>
    /// Starts <paramref name="brokers"/> mock brokers, creates <paramref name="topics"/>, writes
    /// <c>bootstrap.servers=&lt;list&gt;</c> and then a non-durability notice to <paramref name="output"/>,
    /// and serves until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="brokers">Broker count, at least 1.</param>
    /// <param name="topics">Topics to create; the mock does not implement the CreateTopics API.</param>
    /// <param name="output">Where the two lines go (the CLI passes stdout).</param>
    /// <param name="cancellationToken">Stops the brokers (Ctrl+C / SIGTERM in the CLI).</param>
    /// <param name="logger">Receives librdkafka's own log lines; never stdout, which scripts parse.</param>
    /// <returns>The process exit code: 0 after a clean stop.</returns>
    public static async Task<int> RunAsync(
        int brokers,
        IReadOnlyList<TopicSpec> topics,
        TextWriter output,
        CancellationToken cancellationToken,
        ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(output);

        using var cluster = MockKafkaCluster.Start(brokers, logger);
        foreach (var topic in topics)
        {
            cluster.CreateTopic(topic.Name, topic.Partitions, Math.Min(topic.ReplicationFactor, brokers));
        }

        await output.WriteLineAsync($"{BootstrapLinePrefix}{cluster.BootstrapServers}");
        await output.WriteLineAsync(
            $"librdkafka mock cluster: {brokers} broker(s), {topics.Count} topic(s); in-memory and NON-DURABLE (dev/test only). Stop with Ctrl+C.");
        // Scripts wait for the first line through a pipe; do not let it sit in a buffer.
        await output.FlushAsync(CancellationToken.None);

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the normal way to stop.
        }

        return 0;
    }
}
