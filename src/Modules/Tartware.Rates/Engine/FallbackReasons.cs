namespace Tartware.Rates.Engine;

/// <summary>Why a plan cannot sell a stay; stored with every fallback decision and counted by the stats.</summary>
internal static class FallbackReasons
{
    public const string PlanNotFound = "PLAN_NOT_FOUND";
    public const string PlanInactive = "PLAN_INACTIVE";
    public const string OutsideValidity = "OUTSIDE_VALIDITY";
    public const string ChannelNotAllowed = "CHANNEL_NOT_ALLOWED";
    public const string Closed = "CLOSED";
    public const string ClosedToArrival = "CLOSED_TO_ARRIVAL";
    public const string ClosedToDeparture = "CLOSED_TO_DEPARTURE";
    public const string MinLos = "MIN_LOS";
    public const string MaxLos = "MAX_LOS";
    public const string NoPrice = "NO_PRICE";

    public static IReadOnlyList<string> All { get; } =
        [PlanNotFound, PlanInactive, OutsideValidity, ChannelNotAllowed, Closed, ClosedToArrival, ClosedToDeparture, MinLos, MaxLos, NoPrice];

    /// <summary>The checks a quote reports as "restrictions checked", in the order they run.</summary>
    public static IReadOnlyList<string> Checks { get; } =
        ["STATUS", "VALIDITY", "CHANNEL", Closed, ClosedToArrival, ClosedToDeparture, MinLos, MaxLos, "PRICE"];
}
