using Shouldly;
using Tartware.ServiceDefaults.Telemetry.Prometheus;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("http.server.active_requests", "{request}", false, "http_server_active_requests")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", true, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("tartware.outbox.dispatched", "{message}", true, "tartware_outbox_dispatched_total")]
    [InlineData("tartware.outbox.dispatched_total", null, true, "tartware_outbox_dispatched_total")]
    [InlineData("tartware.relay.lag", "ms", false, "tartware_relay_lag_milliseconds")]
    [InlineData("tartware.queue.rate", "{message}/s", false, "tartware_queue_rate_per_second")]
    [InlineData("tartware.io.throughput", "By/s", false, "tartware_io_throughput_bytes_per_second")]
    [InlineData("tartware.cache.size_bytes", "By", false, "tartware_cache_size_bytes")]
    [InlineData("tartware.ratio", "1", false, "tartware_ratio")]
    [InlineData("tartware..odd-name!", null, false, "tartware_odd_name_")]
    [InlineData("9lives", null, false, "_9lives")]
    public void Metric_names_follow_the_otel_prometheus_compatibility_rules(string instrument, string? unit, bool counter, string expected) =>
        PrometheusNames.MetricName(instrument, unit, counter).ShouldBe(expected);

    [Theory]
    [InlineData("http.request.method", "http_request_method")]
    [InlineData("tenant-id", "tenant_id")]
    [InlineData("1st", "_1st")]
    [InlineData("__name", "key__name")]
    public void Label_names_are_sanitized(string key, string expected) =>
        PrometheusNames.LabelName(key).ShouldBe(expected);
}
