using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Configuration;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// Startup validation that names the exact key to fix (<c>RateLimiting:Policies:api:User:Burst</c> and its
/// environment-variable spelling), so a typo fails the deploy instead of silently removing a limit.
/// </summary>
internal sealed partial class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    internal const int MaxPermitsPerMinute = 1_000_000;
    internal const int MaxBurst = 100_000;

    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        const string section = RateLimitingOptions.Section;
        if (options.FallbackReplicaCount is < 1 or > 1000)
        {
            failures.Add(Describe($"{section}:FallbackReplicaCount", "must be between 1 and 1000"));
        }

        if (options.RedisTimeoutMilliseconds is < 10 or > 10_000)
        {
            failures.Add(Describe($"{section}:RedisTimeoutMilliseconds", "must be between 10 and 10000"));
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            var prefix = $"{section}:Policies:{policyName}";
            if (!PolicyName().IsMatch(policyName))
            {
                failures.Add(Describe(prefix, "policy names must be 1-32 characters of a-z 0-9 _ -"));
            }

            if (policy.Ip is null)
            {
                failures.Add(Describe($"{prefix}:Ip", "is required (anonymous callers are limited by IP, never unlimited)"));
            }

            ValidateBucket(failures, $"{prefix}:User", policy.User);
            ValidateBucket(failures, $"{prefix}:Tenant", policy.Tenant);
            ValidateBucket(failures, $"{prefix}:Ip", policy.Ip);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBucket(List<string> failures, string key, TokenBucketOptions? bucket)
    {
        if (bucket is null)
        {
            return;
        }

        if (bucket.PermitsPerMinute is < 1 or > MaxPermitsPerMinute)
        {
            failures.Add(Describe($"{key}:PermitsPerMinute", $"must be between 1 and {MaxPermitsPerMinute}"));
        }

        if (bucket.Burst is < 1 or > MaxBurst)
        {
            failures.Add(Describe($"{key}:Burst", $"must be between 1 and {MaxBurst}"));
        }
    }

    private static string Describe(string key, string message) => $"Configuration key {OptionsValidation.DescribeKey(key)}: {message}";

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex PolicyName();
}
