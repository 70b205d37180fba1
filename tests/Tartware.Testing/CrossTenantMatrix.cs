using System.Net;
using System.Text.Json;

namespace Tartware.Testing;

/// <summary>One request against a resource of the owning tenant, e.g. <c>GET /v1/properties/{id}</c>.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path with the owner's ids filled in.</param>
/// <param name="Body">JSON body for writes (a valid one, so only the tenant wall can refuse it).</param>
public sealed record CrossTenantProbe(HttpMethod Method, string Path, object? Body = null)
{
    /// <summary>Extra headers (an Idempotency-Key, an If-Match).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// The cross-tenant matrix every module runs against its endpoints: another tenant's token on the
/// owner's ids answers 404 problem+json (never 403, never data: no existence leak), and the owner's
/// own token on the same GET paths does not answer 404, so the check can fail.
/// </summary>
public static class CrossTenantMatrix
{
    /// <summary>Runs every probe as the intruder (expects 404) and every GET probe as the owner (expects 2xx).</summary>
    public static async Task AssertWalledAsync(PlatformHost host, TenantSession owner, TenantSession intruder, IEnumerable<CrossTenantProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(intruder);
        if (owner.TenantId == intruder.TenantId)
        {
            throw new ArgumentException("The intruder must belong to another tenant.", nameof(intruder));
        }

        var failures = new List<string>();
        var list = probes.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A matrix without probes proves nothing.", nameof(probes));
        }

        foreach (var probe in list)
        {
            using var response = await host.SendAsync(probe.Method, probe.Path, intruder.AccessToken, probe.Body, probe.Headers);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{probe} as another tenant: {(int)response.StatusCode} {Truncate(text)}");
                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" ||
                JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() != "not-found")
            {
                failures.Add($"{probe} as another tenant: 404 but not a not-found problem: {Truncate(text)}");
            }
        }

        foreach (var probe in list.Where(p => p.Method == HttpMethod.Get))
        {
            using var response = await host.SendAsync(probe.Method, probe.Path, owner.AccessToken, null, probe.Headers);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{probe} as the owner: {(int)response.StatusCode} (the probe must name a resource that exists)");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Cross-tenant matrix failed:\n  " + string.Join("\n  ", failures));
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
