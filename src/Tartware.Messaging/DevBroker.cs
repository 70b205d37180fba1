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
    /// <param name="control">
    /// Optional fault-test control: lines <c>down</c> and <c>up</c> take every broker down (connections closed,
    /// new ones refused, data kept) or back up, acknowledged on <paramref name="output"/> as <c>brokers down</c> /
    /// <c>brokers up</c>. An outage the mock cluster itself models, rather than freezing the process.
    /// </param>
    /// <returns>The process exit code: 0 after a clean stop.</returns>
    public static async Task<int> RunAsync(
        int brokers,
        IReadOnlyList<TopicSpec> topics,
        TextWriter output,
        CancellationToken cancellationToken,
        ILogger? logger = null,
        TextReader? control = null)
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
            if (control is not null)
            {
                await ControlAsync(cluster, control, output, cancellationToken);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the normal way to stop.
        }

        return 0;
    }

    private static async Task ControlAsync(MockKafkaCluster cluster, TextReader control, TextWriter output, CancellationToken cancellationToken)
    {
        while (await control.ReadLineAsync(cancellationToken) is { } line)
        {
            var up = line.Trim() switch
            {
                "down" => false,
                "up" => true,
                _ => (bool?)null,
            };
            if (up is not { } state)
            {
                continue;
            }

            for (var id = 1; id <= cluster.BrokerCount; id++)
            {
                if (state)
                {
                    cluster.SetBrokerUp(id);
                }
                else
                {
                    cluster.SetBrokerDown(id);
                }
            }

            await output.WriteLineAsync(state ? "brokers up" : "brokers down");
            await output.FlushAsync(CancellationToken.None);
        }
    }
}
