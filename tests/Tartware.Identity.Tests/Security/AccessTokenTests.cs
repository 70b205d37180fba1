using System.Buffers.Text;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class AccessTokenTests
{
    [Fact]
    public async Task Issued_token_validates_and_carries_the_expected_header_and_claims()
    {
        var kit = new TokenKit();
        var now = kit.Time.GetUtcNow();

        var issued = kit.Issuer.Issue(TokenKit.UserId, TokenKit.TenantId, "MANAGER");
        var result = await kit.Validator.ValidateAsync(issued.Token);

        result.IsValid.ShouldBeTrue(result.Failure?.ToString());
        result.Token.ShouldBe(new ValidatedAccessToken(TokenKit.UserId, TokenKit.TenantId, "MANAGER", issued.TokenId, kit.Key.Kid, issued.ExpiresAt));
        result.Principal.Identity!.Name.ShouldBe(TokenKit.UserId.ToString());
        result.Principal.IsInRole("MANAGER").ShouldBeTrue();
        issued.ExpiresInSeconds.ShouldBe(900);

        var jwt = new JsonWebToken(issued.Token);
        jwt.Alg.ShouldBe("ES256");
        jwt.Kid.ShouldBe(kit.Key.Kid);
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Issuer.ShouldBe("tartware");
        jwt.Audiences.ShouldBe(["tartware-api"]);
        jwt.GetPayloadValue<long>("iat").ShouldBe(now.ToUnixTimeSeconds());
        jwt.GetPayloadValue<long>("nbf").ShouldBe(now.ToUnixTimeSeconds());
        jwt.GetPayloadValue<long>("exp").ShouldBe(now.AddMinutes(15).ToUnixTimeSeconds());
        Guid.TryParse(jwt.Id, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused()
    {
        var kit = new TokenKit();
        var payload = TokenKit.PayloadSegment(kit.IssueDefault());

        var forged = TokenKit.Compose($$"""{"alg":"none","typ":"at+jwt","kid":"{{kit.Key.Kid}}"}""", payload, sign: null);

        (await kit.Validator.ValidateAsync(forged)).Failure.ShouldBe(AccessTokenFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task Hs256_token_keyed_with_the_public_key_is_refused()
    {
        var kit = new TokenKit();
        var payload = TokenKit.PayloadSegment(kit.IssueDefault());
        var publicKeyCandidates = new[]
        {
            Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(kit.Key.Material.ToJwk())),
            kit.Key.Material.SecurityKey.ECDsa.ExportSubjectPublicKeyInfo(),
            Encoding.ASCII.GetBytes(kit.Key.Material.SecurityKey.ECDsa.ExportSubjectPublicKeyInfoPem()),
        };

        foreach (var publicKey in publicKeyCandidates)
        {
            var forged = TokenKit.Compose($$"""{"alg":"HS256","typ":"at+jwt","kid":"{{kit.Key.Kid}}"}""", payload,
                data => TokenKit.HmacSha256(publicKey, data));

            (await kit.Validator.ValidateAsync(forged)).Failure.ShouldBe(AccessTokenFailure.AlgorithmNotAllowed);
        }
    }

    [Fact]
    public async Task Token_for_another_audience_or_from_another_issuer_is_refused()
    {
        var kit = new TokenKit();

        var otherAudience = new AccessTokenIssuer(kit.Ring, kit.Options with { Audience = "tartware-admin" }, kit.Time);
        var otherIssuer = new AccessTokenIssuer(kit.Ring, kit.Options with { Issuer = "evil" }, kit.Time);

        (await kit.Validator.ValidateAsync(otherAudience.Issue(TokenKit.UserId, TokenKit.TenantId, "OWNER").Token))
            .Failure.ShouldBe(AccessTokenFailure.WrongAudience);
        (await kit.Validator.ValidateAsync(otherIssuer.Issue(TokenKit.UserId, TokenKit.TenantId, "OWNER").Token))
            .Failure.ShouldBe(AccessTokenFailure.WrongIssuer);
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime_plus_30_seconds_of_skew()
    {
        var kit = new TokenKit();
        var token = kit.IssueDefault();

        kit.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        (await kit.Validator.ValidateAsync(token)).IsValid.ShouldBeTrue();

        kit.Time.Advance(TimeSpan.FromSeconds(2));
        (await kit.Validator.ValidateAsync(token)).Failure.ShouldBe(AccessTokenFailure.Expired);
    }

    [Fact]
    public async Task Token_from_a_clock_far_ahead_is_not_yet_valid()
    {
        var kit = new TokenKit();
        var token = kit.IssueDefault();

        kit.Time.Advance(TimeSpan.FromMinutes(-2));

        (await kit.Validator.ValidateAsync(token)).Failure.ShouldBe(AccessTokenFailure.NotYetValid);
    }

    [Fact]
    public async Task Token_signed_with_a_key_outside_the_ring_has_an_unknown_kid()
    {
        var kit = new TokenKit();
        var stranger = SigningKeyMaterial.Create(kit.Time);

        var token = kit.Sign(stranger.SecurityKey, SecurityAlgorithms.EcdsaSha256, TokenKit.StandardClaims());

        (await kit.Validator.ValidateAsync(token)).Failure.ShouldBe(AccessTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task Token_signed_by_another_es256_key_claiming_our_kid_has_a_bad_signature()
    {
        var kit = new TokenKit();
        var attacker = SigningKeyMaterial.Create(kit.Time);
        var impostor = new ECDsaSecurityKey(attacker.SecurityKey.ECDsa) { KeyId = kit.Key.Kid };

        var token = kit.Sign(impostor, SecurityAlgorithms.EcdsaSha256, TokenKit.StandardClaims());

        (await kit.Validator.ValidateAsync(token)).Failure.ShouldBe(AccessTokenFailure.BadSignature);
    }

    [Fact]
    public async Task Tampered_payload_has_a_bad_signature()
    {
        var kit = new TokenKit();
        var parts = kit.IssueDefault().Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var elevated = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("\"MANAGER\"", "\"OWNER\"", StringComparison.Ordinal)));

        var tampered = $"{parts[0]}.{elevated}.{parts[2]}";

        (await kit.Validator.ValidateAsync(tampered)).Failure.ShouldBe(AccessTokenFailure.BadSignature);
    }

    [Fact]
    public async Task After_rotation_old_tokens_stay_valid_until_the_old_key_retires_then_are_refused()
    {
        var kit = new TokenKit();
        var oldToken = kit.IssueDefault();
        var now = kit.Time.GetUtcNow();
        var successor = TokenKit.SigningKeyRecordFor(SigningKeyMaterial.Create(kit.Time), now);
        kit.Ring.Ring = new SigningKeyRing([kit.Key with { RetiresAt = now.AddMinutes(5) }, successor]);

        kit.Time.Advance(TimeSpan.FromMinutes(1));
        (await kit.Validator.ValidateAsync(oldToken)).IsValid.ShouldBeTrue();
        new JsonWebToken(kit.IssueDefault()).Kid.ShouldBe(successor.Kid);

        kit.Time.Advance(TimeSpan.FromMinutes(5));
        (await kit.Validator.ValidateAsync(oldToken)).Failure.ShouldBe(AccessTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task Correctly_signed_token_without_a_required_claim_or_with_another_type_is_malformed()
    {
        var kit = new TokenKit();
        var withoutTenant = TokenKit.StandardClaims();
        withoutTenant.Remove("tenant_id");
        var withoutJti = TokenKit.StandardClaims();
        withoutJti.Remove("jti");

        var signer = kit.Key.Material.SecurityKey;
        (await kit.Validator.ValidateAsync(kit.Sign(signer, SecurityAlgorithms.EcdsaSha256, TokenKit.StandardClaims())))
            .IsValid.ShouldBeTrue();
        (await kit.Validator.ValidateAsync(kit.Sign(signer, SecurityAlgorithms.EcdsaSha256, withoutTenant)))
            .Failure.ShouldBe(AccessTokenFailure.Malformed);
        (await kit.Validator.ValidateAsync(kit.Sign(signer, SecurityAlgorithms.EcdsaSha256, withoutJti)))
            .Failure.ShouldBe(AccessTokenFailure.Malformed);
        (await kit.Validator.ValidateAsync(kit.Sign(signer, SecurityAlgorithms.EcdsaSha256, TokenKit.StandardClaims(), tokenType: "JWT")))
            .Failure.ShouldBe(AccessTokenFailure.Malformed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30")]
    public async Task Garbage_is_malformed(string? token) =>
        (await new TokenKit().Validator.ValidateAsync(token)).Failure.ShouldBe(AccessTokenFailure.Malformed);

    [Fact]
    public async Task Oversized_token_is_malformed_without_parsing() =>
        (await new TokenKit().Validator.ValidateAsync(new string('a', 9_000) + ".b.c")).Failure.ShouldBe(AccessTokenFailure.Malformed);

    [Fact]
    public void Issuing_without_an_active_key_fails_loudly()
    {
        var kit = new TokenKit();
        kit.Ring.Ring = new SigningKeyRing([]);

        Should.Throw<InvalidOperationException>(() => kit.IssueDefault());
    }
}
