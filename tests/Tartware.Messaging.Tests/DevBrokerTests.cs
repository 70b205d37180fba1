using Confluent.Kafka;
using Shouldly;
using Tartware.Messaging.Tests.Infrastructure;

namespace Tartware.Messaging.Tests;

public sealed class DevBrokerTests
{
    [Fact]
    public async Task Prints_the_bootstrap_line_serves_the_topics_and_stops_on_cancellation()
    {
        var output = new LineCapture();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = DevBroker.RunAsync(2, [TopicSpec.Parse("front-desk:3")], output, stop.Token);
        await Poll.UntilAsync(() => output.Lines.Count >= 2, TimeSpan.FromSeconds(10), "the dev broker's output");

        var lines = output.Lines;
        lines[0].ShouldMatch(@"^bootstrap\.servers=127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$");
        lines[1].ShouldContain("NON-DURABLE");
        var bootstrap = lines[0][DevBroker.BootstrapLinePrefix.Length..];
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).SetLogHandler((_, _) => { }).Build())
        {
            admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics.Single(t => t.Topic == "front-desk").Partitions.Count.ShouldBe(3);
        }

        run.IsCompleted.ShouldBeFalse();
        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).ShouldBe(0);
        output.Lines.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Rejects_a_broker_count_below_one() =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(
            () => DevBroker.RunAsync(0, [], new LineCapture(), TestContext.Current.CancellationToken));
}
