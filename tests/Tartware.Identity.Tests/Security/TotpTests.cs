using System.Globalization;
using System.Text;
using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class TotpTests
{
    // RFC 4226 Appendix D / RFC 6238 Appendix B: the 20-byte ASCII secret "12345678901234567890".
    private static readonly byte[] _rfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Rfc6238_appendix_b_sha1_vectors_match(long unixSeconds, string expected)
    {
        var step = Totp.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Totp.Compute(_rfcSecret, step, digits: 8).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0L, "755224")]
    [InlineData(1L, "287082")]
    [InlineData(2L, "359152")]
    [InlineData(3L, "969429")]
    [InlineData(4L, "338314")]
    [InlineData(5L, "254676")]
    [InlineData(6L, "287922")]
    [InlineData(7L, "162583")]
    [InlineData(8L, "399871")]
    [InlineData(9L, "520489")]
    public void Rfc4226_appendix_d_hotp_vectors_match(long counter, string expected) =>
        Totp.Compute(_rfcSecret, counter).ShouldBe(expected);

    [Fact]
    public void Code_of_the_current_step_verifies_and_returns_that_step()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.TimeStepAt(now);

        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step), now, lastUsedStep: null).ShouldBe(step);
    }

    [Fact]
    public void One_step_of_drift_either_way_is_accepted_two_are_not()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.TimeStepAt(now);

        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step - 1), now, null).ShouldBe(step - 1);
        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step + 1), now, null).ShouldBe(step + 1);
        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step - 2), now, null).ShouldBeNull();
        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step + 2), now, null).ShouldBeNull();
        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step + 2), now, null, window: 2).ShouldBe(step + 2);
    }

    [Fact]
    public void A_code_is_single_use_and_older_steps_are_refused_after_a_newer_one()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.TimeStepAt(now);
        var code = Totp.Compute(_rfcSecret, step);

        var used = Totp.Verify(_rfcSecret, code, now, lastUsedStep: null);

        used.ShouldBe(step);
        Totp.Verify(_rfcSecret, code, now, lastUsedStep: used).ShouldBeNull();
        Totp.Verify(_rfcSecret, code, now.AddSeconds(20), lastUsedStep: used).ShouldBeNull();
        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step - 1), now, lastUsedStep: used).ShouldBeNull();
        Totp.Verify(_rfcSecret, Totp.Compute(_rfcSecret, step + 1), now, lastUsedStep: used).ShouldBe(step + 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData(" 12345")]
    [InlineData("１２３４５６")]
    public void Codes_of_the_wrong_shape_are_refused(string code) =>
        Totp.Verify(_rfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(1_700_000_015), null).ShouldBeNull();

    [Fact]
    public void A_wrong_code_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var right = Totp.Compute(_rfcSecret, Totp.TimeStepAt(now));
        var wrong = ((int.Parse(right, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        Totp.Verify(_rfcSecret, wrong, now, null).ShouldBeNull();
    }

    [Fact]
    public void Generated_secrets_are_160_bits_and_differ()
    {
        var a = TotpSecret.Generate();
        var b = TotpSecret.Generate();

        a.Length.ShouldBe(20);
        a.ShouldNotBe(b);
    }
}
