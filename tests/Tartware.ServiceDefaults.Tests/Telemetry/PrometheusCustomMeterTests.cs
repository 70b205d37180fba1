using System.Diagnostics.Metrics;
using Shouldly;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

[Collection(TelemetryHostsCollection.Name)]
public sealed class PrometheusCustomMeterTests
{
    [Fact]
    public async Task Tartware_meter_instruments_render_with_prometheus_names_types_and_labels()
    {
        await using var app = await TelemetryTestApp.StartAsync(_ => { });
        using var meter = new Meter("Tartware.Test");
        var checkins = meter.CreateCounter<long>("tartware.test.checkins", "{checkin}", "Guests checked in.");
        var occupied = meter.CreateUpDownCounter<long>("tartware.test.rooms.occupied", "{room}", "Rooms occupied now.");
        meter.CreateObservableGauge("tartware.test.cache.size", () => 1024L, "By", "Bytes in the rate cache.");
        var duration = meter.CreateHistogram<double>(
            "tartware.test.checkin.duration", "s", "Time to check a guest in.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });

        checkins.Add(2, new KeyValuePair<string, object?>("property", "p1"));
        checkins.Add(1, new KeyValuePair<string, object?>("property", "p2"));
        occupied.Add(5);
        occupied.Add(-2);
        foreach (var seconds in new[] { 0.05, 0.5, 0.5, 5, 50 })
        {
            duration.Record(seconds, new KeyValuePair<string, object?>("property", "p1"));
        }

        var scrape = await app.ScrapeAsync();

        scrape.Value("tartware_test_checkins_total", ("property", "p1")).ShouldBe(2);
        scrape.Value("tartware_test_checkins_total", ("property", "p2")).ShouldBe(1);
        scrape.Value("tartware_test_rooms_occupied").ShouldBe(3);
        scrape.Value("tartware_test_cache_size_bytes").ShouldBe(1024);

        var h = "tartware_test_checkin_duration_seconds";
        var p1 = ("property", "p1");
        scrape.Find($"{h}_bucket", p1).Select(b => (b.Labels["le"], b.Value))
            .ShouldBe(new[] { ("0.1", 1d), ("1", 3d), ("10", 4d), ("+Inf", 5d) });
        scrape.Value($"{h}_count", p1).ShouldBe(5);
        scrape.Value($"{h}_sum", p1).ShouldNotBeNull().ShouldBe(56.05, tolerance: 1e-9);
        scrape.Text.ShouldContain($"{h}_bucket{{property=\"p1\",le=\"+Inf\"}} 5\n");

        ShouldHaveOneFamily(scrape, "tartware_test_checkins_total", "counter", "Guests checked in.");
        ShouldHaveOneFamily(scrape, "tartware_test_rooms_occupied", "gauge", "Rooms occupied now.");
        ShouldHaveOneFamily(scrape, "tartware_test_cache_size_bytes", "gauge", "Bytes in the rate cache.");
        ShouldHaveOneFamily(scrape, h, "histogram", "Time to check a guest in.");
    }

    [Fact]
    public async Task Label_values_and_help_text_are_escaped_and_label_names_sanitized()
    {
        await using var app = await TelemetryTestApp.StartAsync(_ => { });
        using var meter = new Meter("Tartware.Test.Escaping");
        var counter = meter.CreateCounter<long>("tartware.test.escaping", unit: null, description: "first line\nback\\slash");

        counter.Add(1, new KeyValuePair<string, object?>("guest.name", "a\"b\\c\nd"));
        counter.Add(1, new KeyValuePair<string, object?>("1st-floor", "yes"));

        var scrape = await app.ScrapeAsync();

        scrape.Text.ShouldContain("tartware_test_escaping_total{guest_name=\"a\\\"b\\\\c\\nd\"} 1\n");
        scrape.Text.ShouldContain("tartware_test_escaping_total{_1st_floor=\"yes\"} 1\n");
        scrape.Text.ShouldContain("# HELP tartware_test_escaping_total first line\\nback\\\\slash\n");
        scrape.Value("tartware_test_escaping_total", ("guest_name", "a\"b\\c\nd")).ShouldBe(1, "the escaped value parses back");
    }

    [Fact]
    public async Task Meters_outside_the_scraped_list_are_not_exposed()
    {
        await using var app = await TelemetryTestApp.StartAsync(_ => { });
        using var foreign = new Meter("Contoso.Unrelated");
        foreign.CreateCounter<long>("contoso.unrelated.calls").Add(1);
        using var ours = new Meter("Tartware.Test.Included");
        ours.CreateCounter<long>("tartware.test.included.calls").Add(1);

        var scrape = await app.ScrapeAsync();

        scrape.Value("tartware_test_included_calls_total").ShouldBe(1);
        scrape.Text.ShouldNotContain("contoso");
    }

    private static void ShouldHaveOneFamily(PrometheusScrape scrape, string name, string type, string help)
    {
        scrape.Lines.Count(l => l.StartsWith($"# TYPE {name} ", StringComparison.Ordinal)).ShouldBe(1);
        scrape.Lines.ShouldContain($"# TYPE {name} {type}");
        scrape.Lines.Count(l => l.StartsWith($"# HELP {name} ", StringComparison.Ordinal)).ShouldBe(1);
        scrape.Lines.ShouldContain($"# HELP {name} {help}");
    }
}
