namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// Rate limiting settings (section <c>RateLimiting</c>). Each named policy sets token buckets per
/// partition kind; a route group opts in with <c>RequireTartwareRateLimit("name")</c>.
/// </summary>
public sealed class RateLimitingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "RateLimiting";

    /// <summary>Policy for login, refresh and other credential endpoints: strict, per client IP.</summary>
    public const string AuthPolicy = "auth";

    /// <summary>Policy for the authenticated API: per user and per tenant (anonymous callers per IP).</summary>
    public const string ApiPolicy = "api";

    /// <summary>
    /// Replicas assumed while Redis is unreachable: each process then enforces the limits divided by
    /// this count in memory, so the fleet as a whole stays near the configured limit.
    /// </summary>
    public int FallbackReplicaCount { get; set; } = 1;

    /// <summary>Longest a decision waits for Redis before the in-process fallback decides.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 250;

    /// <summary>Policies by name (case-insensitive). <c>auth</c> and <c>api</c> exist by default.</summary>
    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // ASVS 2.2.1 asks for anti-automation on authentication; per-account throttling lives in Identity.
        [AuthPolicy] = new() { Ip = new() { PermitsPerMinute = 20, Burst = 10 } },
        [ApiPolicy] = new()
        {
            User = new() { PermitsPerMinute = 300, Burst = 60 },
            Tenant = new() { PermitsPerMinute = 3000, Burst = 300 },
            Ip = new() { PermitsPerMinute = 120, Burst = 30 },
        },
    };
}

/// <summary>
/// One policy's buckets. An authenticated request (a <c>sub</c> claim) is checked against the
/// <see cref="User"/> and <see cref="Tenant"/> buckets that are set; an anonymous request, or one under a
/// policy with neither, against <see cref="Ip"/>. <see cref="Ip"/> is required, so no caller is unlimited.
/// </summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>Bucket per user (<c>sub</c> claim), or null for none.</summary>
    public TokenBucketOptions? User { get; set; }

    /// <summary>Bucket per tenant (<c>tenant_id</c> claim), shared by all of its users, or null for none.</summary>
    public TokenBucketOptions? Tenant { get; set; }

    /// <summary>Bucket per client IP address (IPv6 per /64). Required.</summary>
    public TokenBucketOptions? Ip { get; set; }
}

/// <summary>A token bucket: refills continuously at <see cref="PermitsPerMinute"/>, holds at most <see cref="Burst"/>.</summary>
public sealed class TokenBucketOptions
{
    /// <summary>Sustained rate.</summary>
    public int PermitsPerMinute { get; set; }

    /// <summary>Bucket capacity: requests allowed at once after an idle period.</summary>
    public int Burst { get; set; }
}
