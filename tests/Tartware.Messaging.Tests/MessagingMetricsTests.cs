using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Messaging.Tests.Infrastructure;

namespace Tartware.Messaging.Tests;

public sealed class MessagingMetricsTests
{
    [Fact]
    public async Task Client_errors_are_counted_on_the_messaging_meter()
    {
        await using var services = TestServices.Create("127.0.0.1:1");
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        long errors = 0;
        using var listener = new MeterListener();
        // Only this provider's meter: other tests run their own providers in parallel.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory
                && instrument.Meter.Name == KafkaServiceCollectionExtensions.MeterName
                && instrument.Name == "kafka.client.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref errors, value));
        listener.Start();

        using var producer = services.GetRequiredService<IKafkaClientFactory>().CreateProducer<string, string>("unreachable");

        await Poll.UntilAsync(() => Interlocked.Read(ref errors) > 0, TimeSpan.FromSeconds(10), "a counted client error");
    }
}
