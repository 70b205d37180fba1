using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// <c>tartware.rate_limit.decisions</c> on meter <c>Tartware.RateLimiting</c> (scraped by <c>/metrics</c>
/// with every <c>Tartware*</c> meter). Tags: <c>policy</c>; <c>partition</c>, the kinds checked
/// (<c>user+tenant</c>, <c>ip</c>) or, on a denial, the kind that denied; <c>result</c>
/// (<c>allowed</c>, <c>denied</c>, or <c>fallback</c> when decided in-process because Redis did not answer);
/// <c>outcome</c> (<c>allowed</c>/<c>denied</c>, so denials during a fallback are counted too).
/// </summary>
internal sealed class RateLimitMetrics
{
    public const string MeterName = "Tartware.RateLimiting";
    public const string DecisionsInstrument = "tartware.rate_limit.decisions";

    private readonly Counter<long> _decisions;

    public RateLimitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>(
            DecisionsInstrument,
            unit: "{decision}",
            description: "Rate limit decisions by policy, partition kind and result (fallback: decided in-process, Redis unavailable).");
    }

    public void Record(string policy, string partition, bool fallback, bool allowed)
    {
        var outcome = allowed ? "allowed" : "denied";
        _decisions.Add(1, new TagList
        {
            { "policy", policy },
            { "partition", partition },
            { "result", fallback ? "fallback" : outcome },
            { "outcome", outcome },
        });
    }
}
