using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tartware.Availability;

/// <summary>Settings of the guard (section <c>Availability</c>).</summary>
internal sealed class AvailabilityOptions
{
    public const string Section = "Availability";

    /// <summary>Nights kept materialized ahead of today (default two years).</summary>
    public int HorizonDays { get; set; } = 730;

    /// <summary>How often the sweeper expires holds past their TTL.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the horizon job extends the materialized nights.</summary>
    public TimeSpan HorizonInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest hold TTL a client may ask for.</summary>
    public int MaxHoldTtlSeconds { get; set; } = 86_400;

    /// <summary>
    /// Shadow mode: decisions are computed and recorded (SHADOW_OVERRIDE) but never refuse a claim.
    /// Only for promoting the guard next to a legacy system; refused in Production.
    /// </summary>
    public bool ShadowMode { get; set; }
}

/// <summary>Startup validation: bad values and shadow mode in Production fail with the key named.</summary>
internal sealed class AvailabilityOptionsValidator(IHostEnvironment environment) : IValidateOptions<AvailabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, AvailabilityOptions options)
    {
        var failures = new List<string>();
        if (options.HorizonDays is < 30 or > 3660)
        {
            failures.Add("Availability:HorizonDays (TARTWARE__Availability__HorizonDays) must be between 30 and 3660.");
        }

        if (options.SweepInterval < TimeSpan.FromMilliseconds(100) || options.SweepInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Availability:SweepInterval (TARTWARE__Availability__SweepInterval) must be between 00:00:00.1 and 00:10:00.");
        }

        if (options.MaxHoldTtlSeconds is < 1 or > 604_800)
        {
            failures.Add("Availability:MaxHoldTtlSeconds (TARTWARE__Availability__MaxHoldTtlSeconds) must be between 1 and 604800.");
        }

        if (options.ShadowMode && environment.IsProduction())
        {
            failures.Add("Availability:ShadowMode (TARTWARE__Availability__ShadowMode) must not be true in Production: the guard fails closed there.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
