namespace Tartware.Identity.Security;

/// <summary>Access-token settings (bind from configuration section <c>Identity:Tokens</c> if overridden).</summary>
internal sealed record TokenOptions
{
    public string Issuer { get; init; } = "tartware";

    public string Audience { get; init; } = "tartware-api";

    /// <summary>Short-lived by design (issue 3: 15 minutes); refresh tokens carry the session.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerated clock difference between nodes for <c>exp</c>/<c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);
}
