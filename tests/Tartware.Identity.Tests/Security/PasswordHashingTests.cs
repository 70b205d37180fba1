using Microsoft.AspNetCore.Identity;
using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

/// <summary>Each full-strength hash costs 0.1–0.3 s, so only two tests use the production work factor.</summary>
public sealed class PasswordHashingTests
{
    // Cheap hasher for behaviour that does not depend on the work factor.
    private static readonly PasswordHashing _cheap = new(iterationCount: 1_000);

    [Fact]
    public void Production_hash_is_pbkdf2_sha512_at_210000_iterations_and_verifies()
    {
        var hashing = new PasswordHashing();

        var hash = hashing.Hash("violet kettle harbour");

        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01, "Identity format V3");
        bytes[4].ShouldBe((byte)2, "KeyDerivationPrf.HMACSHA512");
        PasswordHashing.ReadIterationCount(hash).ShouldBe(210_000);
        hashing.Verify(hash, "violet kettle harbour").ShouldBe(PasswordVerification.Success);
    }

    [Fact]
    public void Unknown_user_verification_does_the_same_work_and_always_fails()
    {
        var hashing = new PasswordHashing();

        hashing.VerifyDummy("violet kettle harbour").ShouldBe(PasswordVerification.Failed);
        PasswordHashing.ReadIterationCount(hashing.DummyHashForTests).ShouldBe(PasswordHashing.IterationCount);
    }

    [Fact]
    public void A_hash_with_fewer_iterations_verifies_with_rehash_needed_but_never_with_a_wrong_password()
    {
        var old = _cheap.Hash("violet kettle harbour");

        new PasswordHashing().Verify(old, "violet kettle harbour").ShouldBe(PasswordVerification.SuccessRehashNeeded);
        new PasswordHashing().Verify(old, "violet kettle harbouR").ShouldBe(PasswordVerification.Failed);
    }

    [Fact]
    public void A_hash_in_the_older_v2_format_verifies_with_rehash_needed()
    {
        var v2 = new PasswordHashing(1_000, PasswordHasherCompatibilityMode.IdentityV2).Hash("violet kettle harbour");

        _cheap.Verify(v2, "violet kettle harbour").ShouldBe(PasswordVerification.SuccessRehashNeeded);
    }

    [Fact]
    public void Same_password_hashes_differently_each_time_thanks_to_the_salt() =>
        _cheap.Hash("violet kettle harbour").ShouldNotBe(_cheap.Hash("violet kettle harbour"));

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AQAAAA==")]
    public void Malformed_stored_hashes_fail_closed(string stored) =>
        _cheap.Verify(stored, "violet kettle harbour").ShouldBe(PasswordVerification.Failed);

    [Fact]
    public void Composed_and_decomposed_unicode_are_the_same_password()
    {
        var hash = _cheap.Hash("caf\u00e9 kettle harbour");

        _cheap.Verify(hash, "cafe\u0301 kettle harbour").ShouldBe(PasswordVerification.Success);
    }
}
