using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class SigningKeyTests
{
    private static readonly FakeTimeProvider _time = new();
    private static readonly IDataProtector _protector =
        SigningKeyMaterial.CreateProtector(new EphemeralDataProtectionProvider());

    [Fact]
    public void Kid_is_the_rfc7638_thumbprint_computed_independently_by_identitymodel()
    {
        var key = SigningKeyMaterial.Create(_time);

        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key.SecurityKey.ECDsa));

        key.Kid.ShouldBe(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()));
        key.Kid.Length.ShouldBe(43);
        key.CreatedAt.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public void Protected_export_round_trips_to_the_same_signing_key()
    {
        var key = SigningKeyMaterial.Create(_time);
        var stored = key.ExportProtected(_protector);

        var restored = SigningKeyMaterial.ImportProtected(_protector, stored, key.Kid, key.CreatedAt);

        restored.Kid.ShouldBe(key.Kid);
        var signature = restored.SecurityKey.ECDsa.SignData("payload"u8, HashAlgorithmName.SHA256);
        key.SecurityKey.ECDsa.VerifyData("payload"u8, signature, HashAlgorithmName.SHA256).ShouldBeTrue();
    }

    [Fact]
    public void Protected_export_is_useless_without_the_right_purpose()
    {
        var provider = new EphemeralDataProtectionProvider();
        var key = SigningKeyMaterial.Create(_time);
        var stored = key.ExportProtected(SigningKeyMaterial.CreateProtector(provider));

        Should.Throw<CryptographicException>(() =>
            SigningKeyMaterial.ImportProtected(provider.CreateProtector("other purpose"), stored, key.Kid, key.CreatedAt));
    }

    [Fact]
    public void Import_refuses_key_material_that_does_not_match_the_stored_kid()
    {
        var key = SigningKeyMaterial.Create(_time);
        var other = SigningKeyMaterial.Create(_time);

        Should.Throw<CryptographicException>(() =>
            SigningKeyMaterial.ImportProtected(_protector, other.ExportProtected(_protector), key.Kid, key.CreatedAt));
    }

    [Fact]
    public void Public_jwk_has_exactly_the_public_members()
    {
        var key = SigningKeyMaterial.Create(_time);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(key.ToJwk()));

        json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["alg", "crv", "kid", "kty", "use", "x", "y"]);
        json.RootElement.GetProperty("kty").GetString().ShouldBe("EC");
        json.RootElement.GetProperty("crv").GetString().ShouldBe("P-256");
        json.RootElement.GetProperty("alg").GetString().ShouldBe("ES256");
        json.RootElement.GetProperty("use").GetString().ShouldBe("sig");
        json.RootElement.GetProperty("kid").GetString().ShouldBe(key.Kid);
    }

    [Fact]
    public void Current_is_the_newest_activated_key_that_is_not_retired()
    {
        var now = _time.GetUtcNow();
        var old = Record(now.AddDays(-60), retiresAt: now.AddDays(-30));
        var previous = Record(now.AddDays(-30), retiresAt: now.AddMinutes(10));
        var current = Record(now.AddDays(-1));
        var next = Record(now.AddHours(1));
        var ring = new SigningKeyRing([old, next, current, previous]);

        ring.Current(now)!.Kid.ShouldBe(current.Kid);
        ring.Current(now.AddHours(2))!.Kid.ShouldBe(next.Kid);
        ring.Published(now).Select(r => r.Kid).ShouldBe([next.Kid, current.Kid, previous.Kid]);
        ring.Published(now.AddMinutes(11)).Select(r => r.Kid).ShouldBe([next.Kid, current.Kid]);
        ring.FindForValidation(previous.Kid, now).ShouldBe(previous);
        ring.FindForValidation(previous.Kid, now.AddMinutes(10)).ShouldBeNull();
        ring.FindForValidation(old.Kid, now).ShouldBeNull();
        ring.FindForValidation("no-such-kid", now).ShouldBeNull();
        ring.FindForValidation(null, now).ShouldBeNull();
    }

    [Fact]
    public void A_ring_with_only_future_or_retired_keys_has_no_current_key()
    {
        var now = _time.GetUtcNow();

        new SigningKeyRing([Record(now.AddHours(1)), Record(now.AddDays(-2), now.AddDays(-1))]).Current(now).ShouldBeNull();
        new SigningKeyRing([]).Current(now).ShouldBeNull();
    }

    [Fact]
    public void Ring_refuses_duplicate_or_mismatched_kids()
    {
        var record = Record(_time.GetUtcNow());

        Should.Throw<ArgumentException>(() => new SigningKeyRing([record, record with { CreatedAt = record.CreatedAt.AddSeconds(1) }]));
        Should.Throw<ArgumentException>(() => new SigningKeyRing([record with { Kid = "not-the-thumbprint" }]));
    }

    [Fact]
    public void Jwks_lists_every_published_key_and_nothing_private()
    {
        var now = _time.GetUtcNow();
        var retired = Record(now.AddDays(-9), now.AddDays(-1));
        var current = Record(now.AddDays(-1));
        var ring = new SigningKeyRing([retired, current]);

        using var json = JsonDocument.Parse(JwksDocument.Render(ring, now));

        var keys = json.RootElement.GetProperty("keys").EnumerateArray().ToArray();
        keys.Select(k => k.GetProperty("kid").GetString()).ShouldBe([current.Kid]);
        keys[0].TryGetProperty("d", out _).ShouldBeFalse();
    }

    internal static SigningKeyRecord Record(DateTimeOffset activatesAt, DateTimeOffset? retiresAt = null)
    {
        var material = SigningKeyMaterial.Create(_time);
        return new SigningKeyRecord(material.Kid, activatesAt, activatesAt, retiresAt, material);
    }
}
