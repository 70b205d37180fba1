namespace Tartware.Rates;

/// <summary>Problem codes of the Rates module (listed in docs/problems.md).</summary>
internal static class RatesProblems
{
    public const string RatePlanExists = "rate-plan-code-taken";
    public const string RatePlanProtected = "rate-plan-protected";
    public const string RatePlanInUse = "rate-plan-in-use";
    public const string StaleVersion = "version-mismatch";
    public const string RateUnavailable = Engine.FallbackResolver.Unavailable;
    public const string FallbackDenied = Engine.FallbackResolver.Denied;
    public const string OccupancyExceeded = "occupancy-exceeded";
    public const string RoomTypeInactive = "room-type-inactive";
    public const string DerivedPlanPrice = "derived-plan-price";
}
