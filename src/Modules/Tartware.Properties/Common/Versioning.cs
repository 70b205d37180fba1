using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Common;

/// <summary>
/// Optimistic concurrency over HTTP: the <c>ETag</c> is the row's <c>version</c> (<c>"3"</c>), an
/// <c>If-Match</c> naming another version is refused with 409 <c>version-mismatch</c> (RFC 9110
/// would allow 412; we answer 409 everywhere so clients handle one code). No If-Match: last write wins.
/// </summary>
internal static class Versioning
{
    public const string VersionMismatch = "version-mismatch";

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(this HttpContext context, int version) => context.Response.Headers.ETag = ETag(version);

    /// <summary>The version an If-Match names, or null when absent or <c>*</c>; 400 when unreadable.</summary>
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

        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ValidationFailedException.For("If-Match", "must be an ETag this API returned, e.g. \"3\"");
    }

    public static void Check(int? expected, int actual, string resource)
    {
        if (expected is { } e && e != actual)
        {
            throw new ConflictException($"The {resource} was changed by someone else (version {actual}); reload it and retry.", VersionMismatch);
        }
    }
}
