using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Shouldly;
using Tartware.Messaging.Mock;
using Tartware.Messaging.Tests.Infrastructure;

namespace Tartware.Messaging.Tests;

public sealed class KafkaHealthCheckTests(KafkaFixture kafka)
{
    [Fact]
    public async Task Reachable_broker_is_healthy_with_its_broker_count()
    {
        await using var services = TestServices.Create(kafka.BootstrapServers);

        var entry = await CheckAsync(services);

        entry.Status.ShouldBe(HealthStatus.Healthy, entry.Description);
        ((int)entry.Data["brokers"]).ShouldBeGreaterThanOrEqualTo(1);
        services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Single(r => r.Name == "kafka").Tags.ShouldContain("ready");
    }

    [Fact]
    public async Task Dead_address_is_unhealthy_within_the_timeout_without_throwing()
    {
        await using var services = TestServices.Create("127.0.0.1:1");
        var clock = Stopwatch.StartNew();

        var entry = await CheckAsync(services);

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Description.ShouldNotBeNull().ShouldStartWith("Kafka metadata request failed within 2 s");
        clock.Elapsed.ShouldBeLessThan(KafkaHealthCheck.Timeout + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Same_check_recovers_when_the_broker_comes_back()
    {
        using var cluster = MockKafkaCluster.Start(1);
        await using var services = TestServices.Create(cluster.BootstrapServers);
        (await CheckAsync(services)).Status.ShouldBe(HealthStatus.Healthy);

        cluster.SetBrokerDown(1);
        (await CheckAsync(services)).Status.ShouldBe(HealthStatus.Unhealthy);

        cluster.SetBrokerUp(1);
        await Poll.UntilAsync(async () => (await CheckAsync(services)).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(15), "the health check to recover");
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider services)
    {
        var report = await services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Name == "kafka", TestContext.Current.CancellationToken);
        return report.Entries["kafka"];
    }
}
