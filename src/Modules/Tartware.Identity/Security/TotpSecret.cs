using System.Security.Cryptography;

namespace Tartware.Identity.Security;

/// <summary>Shared TOTP secrets.</summary>
internal static class TotpSecret
{
    /// <summary>RFC 4226 §4 R6 recommends a 160-bit shared secret, the HMAC-SHA1 output size.</summary>
    public const int SizeInBytes = 20;

    /// <summary>A fresh secret from the OS CSPRNG (RFC 4226 §7.5: secrets must be truly random).</summary>
    public static byte[] Generate() => RandomNumberGenerator.GetBytes(SizeInBytes);
}
