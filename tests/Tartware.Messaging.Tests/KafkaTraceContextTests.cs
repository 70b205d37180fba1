using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Shouldly;

namespace Tartware.Messaging.Tests;

public sealed class KafkaTraceContextTests
{
    [Fact]
    public void Injected_current_activity_is_extracted_as_its_remote_parent()
    {
        using var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.TraceStateString = "tartware=abc,other=1";
        activity.Start();
        var headers = new Headers();

        KafkaTraceContext.Inject(headers, correlationId: "req-42");
        var context = KafkaTraceContext.Extract(headers);

        context.TraceId.ShouldBe(activity.TraceId);
        context.SpanId.ShouldBe(activity.SpanId);
        context.TraceFlags.ShouldBe(ActivityTraceFlags.Recorded);
        context.TraceState.ShouldBe("tartware=abc,other=1");
        context.IsRemote.ShouldBeTrue();
        KafkaTraceContext.GetCorrelationId(headers).ShouldBe("req-42");
        Text(headers, KafkaTraceContext.TraceParentHeader)
            .ShouldBe($"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-01");
    }

    [Fact]
    public void Injecting_twice_replaces_the_headers_instead_of_adding_more()
    {
        var headers = new Headers();
        using (var first = new Activity("first").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            KafkaTraceContext.Inject(headers, "one", first);
        }

        using var second = new Activity("second").SetIdFormat(ActivityIdFormat.W3C).Start();
        KafkaTraceContext.Inject(headers, "two", second);

        headers.Count(h => h.Key == KafkaTraceContext.TraceParentHeader).ShouldBe(1);
        headers.Count(h => h.Key == KafkaTraceContext.CorrelationIdHeader).ShouldBe(1);
        KafkaTraceContext.Extract(headers).TraceId.ShouldBe(second.TraceId);
        KafkaTraceContext.Extract(headers).TraceFlags.ShouldBe(ActivityTraceFlags.None);
        KafkaTraceContext.GetCorrelationId(headers).ShouldBe("two");
    }

    [Fact]
    public void Without_a_correlation_id_the_trace_id_stands_in()
    {
        using var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        var headers = new Headers();

        KafkaTraceContext.Inject(headers, activity: activity);

        KafkaTraceContext.GetCorrelationId(headers).ShouldBe(activity.TraceId.ToHexString());
        headers.TryGetLastBytes(KafkaTraceContext.TraceStateHeader, out _).ShouldBeFalse();
    }

    [Fact]
    public void Without_any_activity_only_the_correlation_id_is_written()
    {
        Activity.Current = null;
        var headers = new Headers();

        KafkaTraceContext.Inject(headers, "req-7");

        headers.Select(h => h.Key).ShouldBe([KafkaTraceContext.CorrelationIdHeader]);
        KafkaTraceContext.Extract(headers).ShouldBe(default);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")]
    public void Missing_or_invalid_traceparent_extracts_as_no_parent(string traceParent)
    {
        var headers = new Headers { { KafkaTraceContext.TraceParentHeader, Encoding.UTF8.GetBytes(traceParent) } };

        KafkaTraceContext.Extract(headers).ShouldBe(default);
        KafkaTraceContext.Extract(null).ShouldBe(default);
        KafkaTraceContext.GetCorrelationId(headers).ShouldBeNull();
    }

    private static string Text(Headers headers, string key) =>
        Encoding.UTF8.GetString(headers.GetLastBytes(key));
}
