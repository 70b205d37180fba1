using System.CommandLine;
using System.Runtime.InteropServices;
using Tartware.Messaging;

namespace Tartware.Host.Cli;

/// <summary><c>tartware dev-broker</c>: an in-memory Kafka-protocol broker for laptops and tests. NOT durable.</summary>
internal static class DevBrokerCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of mock brokers", DefaultValueFactory = _ => 1 };
        var topics = new Option<string[]>("--topic")
        {
            Description = "Topic to create as name:partitions (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var control = new Option<bool>("--control-stdin")
        {
            Description = "Fault tests: read 'down' / 'up' lines on stdin to take every broker down (data kept) or back up",
        };
        var command = new Command("dev-broker",
            "Run librdkafka's mock cluster (real Kafka wire protocol, in memory, NOT durable) and print its bootstrap list.")
        {
            brokers, topics, control,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(brokers);
            if (count is < 1 or > 9)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--brokers must be between 1 and 9.");
                return 2;
            }

            List<TopicSpec> specs;
            try
            {
                specs = [.. (parse.GetValue(topics) ?? []).Select(TopicSpec.Parse)];
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            // The CLI leaves signals to the web host (see TartwareCli), so this verb stops itself cleanly.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            return await DevBroker.RunAsync(count, specs, parse.InvocationConfiguration.Output, stop.Token,
                control: parse.GetValue(control) ? Console.In : null);

            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }
}
