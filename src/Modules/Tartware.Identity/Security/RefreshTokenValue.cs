using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tartware.Identity.Security;

/// <summary>
/// Opaque refresh-token values. Only <see cref="Hash"/> is stored: a database leak then yields no usable
/// token. Plain SHA-256 is enough (no salt, no slow KDF) because the value is 256 random bits, not a
/// human secret, so there is nothing to guess (OWASP Session Management Cheat Sheet; ASVS 3.2.2, 3.5.2).
/// </summary>
internal static class RefreshTokenValue
{
    public const int SizeInBytes = 32;

    // 32 bytes in unpadded base64url (RFC 4648 §5) is always 43 characters.
    private const int EncodedLength = 43;

    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SizeInBytes));

    /// <summary>Cheap shape check so garbage is refused before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: EncodedLength } && Base64Url.IsValid(token, out var decodedLength) && decodedLength == SizeInBytes;

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes: the value to store and to look up by.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Constant-time check of a presented token against a stored hash (no timing oracle on the hash prefix).</summary>
    public static bool Matches(string token, string storedHash) => HashesEqual(Hash(token), storedHash);

    public static bool HashesEqual(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
    }
}
