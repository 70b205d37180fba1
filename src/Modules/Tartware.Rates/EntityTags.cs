using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Rates;

/// <summary>Strong ETags carrying the row version (<c>"3"</c>), and the matching If-Match check (RFC 9110 §13.1.1).</summary>
internal static class EntityTags
{
    public static string For(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = For(version);

    /// <summary>The version an If-Match names; null when absent or <c>*</c> (no precondition on the version).</summary>
    public static int? Parse(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return null;
        }

        var value = ifMatch.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && int.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : throw ValidationFailedException.For("If-Match", "must be the ETag of the resource, e.g. \"3\"");
    }
}
