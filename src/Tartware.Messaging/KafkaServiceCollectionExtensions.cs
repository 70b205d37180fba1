using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tartware.Messaging;

/// <summary>Registers Tartware's Kafka runtime: options, client factory, provisioning, embedded broker, health.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Name of the meter to enable in OpenTelemetry: <c>AddMeter(KafkaServiceCollectionExtensions.MeterName)</c>.</summary>
    public const string MeterName = MessagingMetrics.MeterName;

    /// <summary>
    /// Binds <c>Kafka</c> options (validated at startup; <c>Kafka:BootstrapServers</c> is required),
    /// registers <see cref="IKafkaClientFactory"/> and <see cref="ITopicProvisioner"/>, hosts the mock
    /// cluster when <c>Kafka:BootstrapServers</c> is <c>embedded</c>, provisions <c>Kafka:Topics</c>, and
    /// adds the <c>kafka</c> health check tagged <c>ready</c>. Enable the meter
    /// <see cref="MeterName"/> to export its metrics.
    /// </summary>
    public static IServiceCollection AddTartwareKafka(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(KafkaClientFactory)))
        {
            // Already added: a second call must not start a second set of hosted services.
            return services;
        }

        var section = configuration.GetSection(KafkaOptions.SectionName);
        services.AddOptions<KafkaOptions>()
            .Bind(section)
            .Configure(options => TopicsConfiguration.Read(section.GetSection(nameof(KafkaOptions.Topics)), options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton<IKafkaBootstrap, KafkaBootstrap>();
        services.TryAddSingleton<KafkaClientFactory>();
        services.TryAddSingleton<IKafkaClientFactory>(sp => sp.GetRequiredService<KafkaClientFactory>());
        services.TryAddSingleton<ITopicProvisioner, TopicProvisioner>();
        // Registered as a singleton so the health check service reuses it (and its admin client).
        services.TryAddSingleton<KafkaHealthCheck>();

        // Registered before any module's hosted services, and both act in StartingAsync, so the broker
        // and the topics are there before consumers start.
        services.AddHostedService<EmbeddedKafkaBrokerService>();
        services.AddHostedService<TopicProvisioningService>();

        services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: ["ready"]);
        return services;
    }
}
