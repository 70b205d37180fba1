using System.Globalization;

namespace Tartware.ServiceDefaults.Tests.RateLimiting.Support;

/// <summary>Configuration for the test policy (and others): buckets as (permits per minute, burst).</summary>
internal static class Policies
{
    public static Dictionary<string, string?> Test(
        (int PerMinute, int Burst)? user = null,
        (int PerMinute, int Burst)? tenant = null,
        (int PerMinute, int Burst)? ip = null,
        string name = "test")
    {
        var settings = new Dictionary<string, string?>();
        Add(settings, name, "User", user);
        Add(settings, name, "Tenant", tenant);
        Add(settings, name, "Ip", ip ?? (600, 100));
        return settings;
    }

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, object value)
    {
        settings[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        return settings;
    }

    private static void Add(Dictionary<string, string?> settings, string policy, string kind, (int PerMinute, int Burst)? bucket)
    {
        if (bucket is { } b)
        {
            settings[$"RateLimiting:Policies:{policy}:{kind}:PermitsPerMinute"] = b.PerMinute.ToString(CultureInfo.InvariantCulture);
            settings[$"RateLimiting:Policies:{policy}:{kind}:Burst"] = b.Burst.ToString(CultureInfo.InvariantCulture);
        }
    }
}
