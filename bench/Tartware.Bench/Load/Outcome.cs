namespace Tartware.Bench.Load;

/// <summary>
/// What one request came back with. <see cref="Kind"/> separates successes, answers the scenario
/// expects (a 409 <c>no-availability</c> in a race is the guard working) and errors.
/// </summary>
internal readonly record struct Outcome(OutcomeKind Kind, int Status, string? Code)
{
    public static Outcome Ok(int status) => new(OutcomeKind.Ok, status, null);

    public static Outcome Expected(int status, string? code) => new(OutcomeKind.Expected, status, code);

    public static Outcome Error(int status, string? code) => new(OutcomeKind.Error, status, code);

    /// <summary>Key for the error table: status plus problem code (<c>0</c> = no HTTP answer).</summary>
    public string Key => Code is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Code}";
}

internal enum OutcomeKind
{
    Ok,
    Expected,
    Error,
}
