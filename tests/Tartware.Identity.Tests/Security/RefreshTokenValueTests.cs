using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class RefreshTokenValueTests
{
    [Fact]
    public void Generated_tokens_are_256_bit_base64url_and_unique()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => RefreshTokenValue.Generate()).ToArray();

        tokens.ShouldAllBe(t => t.Length == 43 && RefreshTokenValue.IsWellFormed(t));
        tokens.ShouldAllBe(t => !t.Contains('+') && !t.Contains('/') && !t.Contains('='));
        tokens.Distinct(StringComparer.Ordinal).Count().ShouldBe(100);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Values_of_another_shape_are_not_well_formed(string? token) =>
        RefreshTokenValue.IsWellFormed(token).ShouldBeFalse();

    [Fact]
    public void Hash_is_lower_case_hex_sha256_of_the_token()
    {
        // FIPS 180-2 example: SHA-256("abc").
        RefreshTokenValue.Hash("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        RefreshTokenValue.Hash("abc").ShouldBe(RefreshTokenValue.Hash("abc"));
    }

    [Fact]
    public void A_token_matches_only_its_own_hash()
    {
        var token = RefreshTokenValue.Generate();
        var stored = RefreshTokenValue.Hash(token);

        RefreshTokenValue.Matches(token, stored).ShouldBeTrue();
        RefreshTokenValue.Matches(RefreshTokenValue.Generate(), stored).ShouldBeFalse();
        RefreshTokenValue.HashesEqual(stored, stored[..^1]).ShouldBeFalse();
        RefreshTokenValue.HashesEqual(stored, stored.ToUpperInvariant()).ShouldBeFalse();
    }
}
