using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Tartware.Identity.Security;

/// <summary>
/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA1, a 30 s period and
/// 6 digits: the parameters every authenticator app supports (and the only ones some support).
/// Written by hand because no OTP library is on the package feed (see DEPENDENCIES.md).
/// </summary>
internal static class Totp
{
    public const int PeriodSeconds = 30;
    public const int DefaultDigits = 6;

    // RFC 4226 §5.3: at least 6 digits; 8 is the most the 31-bit truncated value supports usefully.
    private static readonly int[] _powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>The RFC 6238 §4.2 time step T = floor((unix time - T0) / X) with T0 = 0 and X = 30 s.</summary>
    public static long TimeStepAt(DateTimeOffset instant) =>
        (long)Math.Floor(instant.ToUnixTimeSeconds() / (double)PeriodSeconds);

    /// <summary>HOTP value (RFC 4226 §5.3) for the given counter, here the TOTP time step.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long timeStep, int digits = DefaultDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        ArgumentOutOfRangeException.ThrowIfNegative(timeStep);

        Span<byte> counter = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // SHA-1 is what RFC 6238 authenticator apps implement; HMAC-SHA1 is not affected by SHA-1
        // collision attacks (RFC 6238 §1.2 allows SHA-256/512, but app support is poor).
        HMACSHA1.HashData(secret, counter, mac);

        // Dynamic truncation, RFC 4226 §5.4: the low nibble of the last byte picks 4 bytes, top bit masked.
        var offset = mac[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.Slice(offset, 4)) & 0x7FFF_FFFF;
        var otp = binary % _powersOfTen[digits];
        return otp.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// Checks <paramref name="code"/> against the steps within ±<paramref name="window"/> of now
    /// (RFC 6238 §5.2 allows one step of network delay / clock drift) and returns the matched step, or null.
    /// A step at or before <paramref name="lastUsedStep"/> is refused: RFC 6238 §5.2 says the verifier
    /// MUST NOT accept an OTP a second time, so callers store the returned step as the new last used one.
    /// </summary>
    public static long? Verify(
        ReadOnlySpan<byte> secret,
        string code,
        DateTimeOffset now,
        long? lastUsedStep,
        int window = 1,
        int digits = DefaultDigits)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, 10);
        if (code.Length != digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        Span<byte> provided = stackalloc byte[digits];
        for (var i = 0; i < digits; i++)
        {
            provided[i] = (byte)code[i];
        }

        var current = TimeStepAt(now);
        long? matched = null;
        Span<byte> expected = stackalloc byte[digits];
        // Every candidate step is computed and compared, without an early exit, so the response time
        // says nothing about which step (or how much of a code) matched (OWASP MFA Cheat Sheet).
        for (var step = current - window; step <= current + window; step++)
        {
            if (step < 0)
            {
                continue;
            }

            var candidate = Compute(secret, step, digits);
            for (var i = 0; i < digits; i++)
            {
                expected[i] = (byte)candidate[i];
            }

            var equal = CryptographicOperations.FixedTimeEquals(expected, provided);
            var fresh = lastUsedStep is null || step > lastUsedStep.Value;
            if (equal && fresh && matched is null)
            {
                matched = step;
            }
        }

        return matched;
    }
}
