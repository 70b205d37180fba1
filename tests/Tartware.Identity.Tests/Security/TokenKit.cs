using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tartware.Identity.Security;

namespace Tartware.Identity.Tests.Security;

/// <summary>An issuer and a validator over one ring and one fake clock, plus tools to forge tokens.</summary>
internal sealed class TokenKit
{
    public TokenKit(TokenOptions? options = null)
    {
        Options = options ?? new TokenOptions();
        Key = SigningKeyRecordFor(SigningKeyMaterial.Create(Time), Time.GetUtcNow().AddDays(-1));
        Ring = new MutableRingSource(new SigningKeyRing([Key]));
        Issuer = new AccessTokenIssuer(Ring, Options, Time);
        Validator = new AccessTokenValidator(Ring, Options, Time);
    }

    public FakeTimeProvider Time { get; } = new();

    public TokenOptions Options { get; }

    public SigningKeyRecord Key { get; }

    public MutableRingSource Ring { get; }

    public AccessTokenIssuer Issuer { get; }

    public AccessTokenValidator Validator { get; }

    public static readonly Guid UserId = Guid.Parse("6f1c2b9e-4d3a-4c1e-9b7a-2f5e8d0c1a34");
    public static readonly Guid TenantId = Guid.Parse("0b8e7a61-3c2d-4f5e-8a9b-1c2d3e4f5a6b");

    public string IssueDefault() => Issuer.Issue(UserId, TenantId, "MANAGER").Token;

    public static SigningKeyRecord SigningKeyRecordFor(SigningKeyMaterial material, DateTimeOffset activatesAt, DateTimeOffset? retiresAt = null) =>
        new(material.Kid, activatesAt, activatesAt, retiresAt, material);

    /// <summary>Signs arbitrary claims with any key under any kid, through the real handler.</summary>
    public string Sign(SecurityKey key, string algorithm, IDictionary<string, object> claims, string tokenType = "at+jwt")
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            TokenType = tokenType,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    public static Dictionary<string, object> StandardClaims() => new()
    {
        ["sub"] = UserId.ToString(),
        ["tenant_id"] = TenantId.ToString(),
        ["role"] = "MANAGER",
        ["jti"] = Guid.NewGuid().ToString(),
    };

    /// <summary>Builds header.payload.signature by hand, for algorithms the handler refuses to produce.</summary>
    public static string Compose(string headerJson, string payloadSegment, Func<byte[], byte[]>? sign)
    {
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson))}.{payloadSegment}";
        var signature = sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    public static string PayloadSegment(string token) => token.Split('.')[1];

    public static byte[] HmacSha256(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
}

internal sealed class MutableRingSource(SigningKeyRing ring) : ISigningKeyRingSource
{
    public SigningKeyRing Ring { get; set; } = ring;

    public SigningKeyRing GetRing() => Ring;
}
