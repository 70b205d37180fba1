using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>The dimension a bucket counts: one user, one tenant or one client address.</summary>
internal enum PartitionKind
{
    User,
    Tenant,
    Ip,
}

/// <summary>One bucket to check: where it lives in Redis and its limits.</summary>
internal readonly record struct BucketSpec(PartitionKind Kind, string Key, int Capacity, int PermitsPerMinute);

/// <summary>
/// Who is asking, as far as one policy cares. <see cref="Ip"/> is set only when the IP bucket applies
/// (anonymous callers, or a policy without user/tenant buckets); the ids are kept for the denial log.
/// </summary>
internal sealed partial record RateLimitPartitionKey(string Policy, string? UserId, string? TenantId, string? Ip)
{
    /// <summary>Claim with the user id (JWT <c>sub</c>, RFC 7519 §4.1.2).</summary>
    public const string SubjectClaim = "sub";

    /// <summary>Claim with the tenant the token was issued for.</summary>
    public const string TenantClaim = "tenant_id";

    public static RateLimitPartitionKey Resolve(string policy, RateLimitPolicyOptions options, HttpContext context)
    {
        var principal = context.User;
        // JwtBearer maps "sub" to NameIdentifier unless MapInboundClaims is off; accept either spelling.
        var userId = Claim(principal, SubjectClaim) ?? Claim(principal, ClaimTypes.NameIdentifier);
        var tenantId = userId is null ? null : Claim(principal, TenantClaim);
        var byUser = options.User is not null && userId is not null;
        var byTenant = options.Tenant is not null && tenantId is not null;
        return new RateLimitPartitionKey(policy, userId, tenantId, byUser || byTenant ? null : ClientAddress(context));
    }

    /// <summary>The buckets this caller draws from under <paramref name="options"/>; never empty.</summary>
    public IReadOnlyList<BucketSpec> Buckets(RateLimitPolicyOptions options)
    {
        if (Ip is not null)
        {
            return [Spec(PartitionKind.Ip, Ip, options.Ip!)];
        }

        var buckets = new List<BucketSpec>(2);
        if (options.User is { } user && UserId is not null)
        {
            buckets.Add(Spec(PartitionKind.User, UserId, user));
        }

        if (options.Tenant is { } tenant && TenantId is not null)
        {
            buckets.Add(Spec(PartitionKind.Tenant, TenantId, tenant));
        }

        return buckets;
    }

    /// <summary>Metric tag for the kinds checked, e.g. <c>user+tenant</c>.</summary>
    public static string Describe(IReadOnlyList<BucketSpec> buckets) =>
        buckets.Count == 1 ? KindName(buckets[0].Kind) : string.Join('+', buckets.Select(b => KindName(b.Kind)));

    public static string KindName(PartitionKind kind) => kind switch
    {
        PartitionKind.User => "user",
        PartitionKind.Tenant => "tenant",
        _ => "ip",
    };

    private BucketSpec Spec(PartitionKind kind, string value, TokenBucketOptions limits) =>
        new(kind, $"rl:{Policy}:{KindName(kind)}:{SafeKeyPart(value)}", limits.Burst, limits.PermitsPerMinute);

    private static string? Claim(ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;

    /// <summary>
    /// RemoteIpAddress as Kestrel sees it: behind a proxy the host must run the forwarded-headers middleware
    /// first. IPv6 is bucketed per /64 because one subscriber usually owns a whole /64 and can rotate within it.
    /// </summary>
    private static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Claim values come from signed tokens but are still bounded: odd or long ones are hashed.</summary>
    private static string SafeKeyPart(string value) =>
        KeyPart().IsMatch(value) ? value : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    [GeneratedRegex("^[A-Za-z0-9:._/-]{1,64}$")]
    private static partial Regex KeyPart();
}
