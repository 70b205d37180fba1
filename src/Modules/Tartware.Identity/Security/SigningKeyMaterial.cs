using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Tartware.Identity.Security;

/// <summary>
/// One ES256 (ECDSA P-256 + SHA-256, RFC 7518 §3.4) token-signing key. Its <see cref="Kid"/> is the
/// RFC 7638 JWK thumbprint, so the id is derived from the public key and cannot drift from it. The
/// private key leaves memory only as PKCS#8 protected by ASP.NET Core Data Protection (ASVS 6.4.1).
/// </summary>
/// <remarks>
/// Not <see cref="IDisposable"/> on purpose: a key is shared by concurrent validations while the key
/// ring is refreshed, so nobody can know when the last use ended; the finalizer releases the native
/// handle, and a process holds only a handful of keys.
/// </remarks>
internal sealed class SigningKeyMaterial
{
    /// <summary>Data Protection purpose; a different purpose cannot unprotect these keys.</summary>
    public const string ProtectorPurpose = "Tartware.Identity.SigningKeys.v1";

    private readonly ECDsa _key;

    private SigningKeyMaterial(ECDsa key, DateTimeOffset createdAt)
    {
        _key = key;
        CreatedAt = createdAt;
        var parameters = key.ExportParameters(includePrivateParameters: false);
        X = Base64Url.EncodeToString(parameters.Q.X);
        Y = Base64Url.EncodeToString(parameters.Q.Y);
        Kid = ComputeThumbprint(X, Y);
        SecurityKey = new ECDsaSecurityKey(key) { KeyId = Kid };
    }

    public string Kid { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Public coordinates, base64url (RFC 7518 §6.2.1.2, 6.2.1.3).</summary>
    public string X { get; }

    public string Y { get; }

    /// <summary>The key for JsonWebTokenHandler, created once so its crypto providers are cached per key.</summary>
    internal ECDsaSecurityKey SecurityKey { get; }

    public static IDataProtector CreateProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.CreateProtector(ProtectorPurpose);
    }

    public static SigningKeyMaterial Create(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new SigningKeyMaterial(ECDsa.Create(ECCurve.NamedCurves.nistP256), timeProvider.GetUtcNow());
    }

    public byte[] ExportProtected(IDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var pkcs8 = _key.ExportPkcs8PrivateKey();
        try
        {
            return protector.Protect(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>
    /// Restores a key stored by <see cref="ExportProtected"/>. Throws <see cref="CryptographicException"/>
    /// when the payload cannot be unprotected, is not a P-256 key, or does not match <paramref name="expectedKid"/>
    /// (a row whose key was swapped must never sign under the old id).
    /// </summary>
    public static SigningKeyMaterial ImportProtected(
        IDataProtector protector,
        byte[] protectedPkcs8,
        string expectedKid,
        DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(protectedPkcs8);
        ArgumentException.ThrowIfNullOrEmpty(expectedKid);
        var pkcs8 = protector.Unprotect(protectedPkcs8);
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException("Signing key is not an ECDSA P-256 key.");
            }

            var material = new SigningKeyMaterial(key, createdAt);
            if (!string.Equals(material.Kid, expectedKid, StringComparison.Ordinal))
            {
                throw new CryptographicException("Signing key does not match its stored kid.");
            }

            return material;
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The public JWK published in the JWKS (RFC 7517 §4, RFC 7518 §6.2.1); never private parts.</summary>
    public PublicJwk ToJwk() => new("EC", "P-256", X, Y, Kid, "sig", "ES256");

    /// <summary>
    /// RFC 7638 §3: SHA-256 over the required EC members in lexicographic order with no whitespace,
    /// base64url-encoded. The values are base64url, so they need no JSON escaping.
    /// </summary>
    private static string ComputeThumbprint(string x, string y)
    {
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
