namespace Tartware.Identity.Security;

/// <summary>
/// The <c>otpauth://totp/…</c> key URI that authenticator apps read from a QR code
/// (Google Authenticator "Key Uri Format", the de facto standard). The label is
/// <c>issuer:account</c>, both percent-encoded (a space is %20, never '+'), and the issuer is
/// repeated as a parameter because apps use it to group and name the entry.
/// </summary>
internal static class OtpAuthUri
{
    public const string DefaultIssuer = "Tartware";

    public static string Build(string issuer, string accountLabel, ReadOnlySpan<byte> secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountLabel);
        var encodedIssuer = Uri.EscapeDataString(issuer);
        var label = $"{encodedIssuer}:{Uri.EscapeDataString(accountLabel)}";
        return $"otpauth://totp/{label}?secret={Base32.Encode(secret)}&issuer={encodedIssuer}" +
               $"&algorithm=SHA1&digits={Totp.DefaultDigits}&period={Totp.PeriodSeconds}";
    }
}
