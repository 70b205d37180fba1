using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shouldly;
using Tartware.Messaging.Tests.Infrastructure;

namespace Tartware.Messaging.Tests;

public sealed class AddTartwareKafkaTests(KafkaFixture kafka)
{
    [Fact]
    public async Task Embedded_host_starts_a_mock_cluster_provisions_topics_and_is_ready()
    {
        var logs = new ListLoggerProvider();
        using var host = BuildHost(new()
        {
            ["Kafka:BootstrapServers"] = "embedded",
            ["Kafka:EmbeddedBrokers"] = "2",
            ["Kafka:Topics:0"] = "reservations:3",
            ["Kafka:Topics:1:Name"] = "folios",
            ["Kafka:Topics:1:Partitions"] = "2",
            ["Kafka:Topics:1:ReplicationFactor"] = "3",
        }, logs);

        await host.StartAsync(TestContext.Current.CancellationToken);

        var cluster = host.Services.GetRequiredService<IKafkaBootstrap>().EmbeddedCluster.ShouldNotBeNull();
        cluster.BrokerCount.ShouldBe(2);
        using var admin = host.Services.GetRequiredService<KafkaClientFactory>().CreateAdminClient("test");
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
        topics["reservations"].ShouldBe(3);
        topics["folios"].ShouldBe(2);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        report.Entries["kafka"].Status.ShouldBe(HealthStatus.Healthy);
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("NON-DURABLE", StringComparison.Ordinal));

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Missing_bootstrap_servers_fails_startup_naming_the_key()
    {
        using var host = BuildHost(new() { ["Kafka:ClientId"] = "tartware" });

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("Kafka:BootstrapServers is required");
    }

    [Theory]
    [InlineData("Kafka:Topics:0", "reservations", "Kafka:Topics:0: Topic spec 'reservations' must look like 'name:partitions'")]
    [InlineData("Kafka:Topics:0:Partitions", "0", "Kafka:Topics:0: Partitions '0' must be a whole number of at least 1")]
    [InlineData("Kafka:Topics:0:Name", "room types", "Kafka:Topics:0: 'room types' is not a legal Kafka topic name")]
    public void Malformed_topic_in_configuration_fails_validation_naming_the_entry(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.EndsWith(":Partitions", StringComparison.Ordinal))
        {
            settings["Kafka:Topics:0:Name"] = "reservations";
        }
        else if (key.EndsWith(":Name", StringComparison.Ordinal))
        {
            settings["Kafka:Topics:0:Partitions"] = "3";
        }

        using var services = TestServices.Create(kafka.BootstrapServers, settings);

        var ex = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<KafkaOptions>>().Value);

        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public void Topics_bind_from_strings_and_objects_alike()
    {
        using var services = TestServices.Create(kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Kafka:Topics:0"] = " reservations:12:3 ",
            ["Kafka:Topics:1:Name"] = "folios",
            ["Kafka:Topics:1:Partitions"] = "6",
        });

        services.GetRequiredService<IOptions<KafkaOptions>>().Value.Topics
            .ShouldBe([new TopicSpec("reservations", 12, 3), new TopicSpec("folios", 6)]);
    }

    [Fact]
    public async Task Provisioner_leaves_an_existing_topic_alone_and_warns_when_it_has_fewer_partitions()
    {
        var topic = KafkaFixture.UniqueName("provisioned");
        var partitions = await kafka.CreateTopicAsync(topic, 2);
        var logs = new ListLoggerProvider();
        await using var services = TestServices.Create(kafka.BootstrapServers, logs: logs);

        await services.GetRequiredService<ITopicProvisioner>()
            .EnsureTopicsAsync([new TopicSpec(topic, partitions + 4)], TestContext.Current.CancellationToken);

        logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains(topic, StringComparison.Ordinal));
    }

    [Fact]
    public void Clients_are_named_after_the_configured_client_id_role_and_machine()
    {
        using var services = TestServices.Create(kafka.BootstrapServers, new Dictionary<string, string?> { ["Kafka:ClientId"] = "pms" });
        var factory = services.GetRequiredService<IKafkaClientFactory>();

        using var producer = factory.CreateProducer<string, string>("outbox");
        using var consumer = factory.CreateConsumer<string, string>("group-a", "inbox");

        producer.Name.ShouldStartWith($"pms-outbox-{Environment.MachineName}#producer-");
        consumer.Name.ShouldStartWith($"pms-inbox-{Environment.MachineName}#consumer-");
    }

    [Fact]
    public void Client_passthrough_settings_reach_librdkafka()
    {
        using var services = TestServices.Create(kafka.BootstrapServers, new Dictionary<string, string?> { ["Kafka:Client:no.such.property"] = "1" });

        var ex = Should.Throw<Exception>(() => services.GetRequiredService<IKafkaClientFactory>().CreateProducer<string, string>("outbox"));

        ex.Message.ShouldContain("no.such.property");
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, ListLoggerProvider? logs = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddTartwareKafka(builder.Configuration);
        return builder.Build();
    }
}
