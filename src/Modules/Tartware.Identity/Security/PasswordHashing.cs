using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Tartware.Identity.Security;

/// <summary>Outcome of checking a password against a stored hash.</summary>
internal enum PasswordVerification
{
    Failed,
    Success,
    /// <summary>Correct password, but the hash uses older parameters: store <see cref="PasswordHashing.Hash"/> of it now.</summary>
    SuccessRehashNeeded,
}

/// <summary>
/// Password storage with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (format V3:
/// PBKDF2-HMAC-SHA512, 128-bit salt, 256-bit subkey) at 210,000 iterations, the OWASP Password
/// Storage Cheat Sheet figure for PBKDF2-HMAC-SHA512 (ASVS 2.4.1, 2.4.2). Hashes with fewer
/// iterations, SHA-1/SHA-256 or the V2 format verify as <see cref="PasswordVerification.SuccessRehashNeeded"/>,
/// so parameters rise on the user's next login. Register as a singleton.
/// </summary>
internal sealed class PasswordHashing
{
    public const int IterationCount = 210_000;

    // Identity's format V3 header: marker byte 0x01, then PRF, iteration count, salt length (big-endian uint32).
    private const byte FormatV3Marker = 0x01;

    private static readonly HashSubject _subject = new();

    private readonly PasswordHasher<HashSubject> _hasher;
    private readonly Lazy<string> _dummyHash;

    public PasswordHashing()
        : this(IterationCount)
    {
    }

    /// <summary>Other iteration counts exist only so tests can produce "old" hashes cheaply.</summary>
    internal PasswordHashing(int iterationCount, PasswordHasherCompatibilityMode mode = PasswordHasherCompatibilityMode.IdentityV3)
    {
        _hasher = new PasswordHasher<HashSubject>(Options.Create(new PasswordHasherOptions
        {
            IterationCount = iterationCount,
            CompatibilityMode = mode,
        }));
        // A hash of a random password nobody knows, made with the current parameters, so the
        // unknown-user path below runs exactly the PBKDF2 work a real verification runs.
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    public string Hash(string password) =>
        _hasher.HashPassword(_subject, PasswordNormalization.Normalize(password));

    public PasswordVerification Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);
        PasswordVerificationResult result;
        try
        {
            result = _hasher.VerifyHashedPassword(_subject, hash, PasswordNormalization.Normalize(password));
        }
        catch (FormatException)
        {
            // A stored value that is not Base64 cannot match any password; fail closed.
            return PasswordVerification.Failed;
        }

        return result switch
        {
            PasswordVerificationResult.Success => PasswordVerification.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordVerification.SuccessRehashNeeded,
            _ => PasswordVerification.Failed,
        };
    }

    /// <summary>
    /// Verifies against a dummy hash and always fails: call it when the username is unknown so the
    /// response takes as long as for a known user and does not reveal which accounts exist (ASVS 2.2.x,
    /// OWASP Authentication Cheat Sheet "Authentication and Error Messages").
    /// </summary>
    public PasswordVerification VerifyDummy(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        _ = _hasher.VerifyHashedPassword(_subject, _dummyHash.Value, PasswordNormalization.Normalize(password));
        return PasswordVerification.Failed;
    }

    /// <summary>Iteration count recorded in a V3 hash, or null for another format (diagnostics and tests).</summary>
    internal static int? ReadIterationCount(string hash)
    {
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < 13 || bytes[0] != FormatV3Marker)
        {
            return null;
        }

        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    internal string DummyHashForTests => _dummyHash.Value;

    // PasswordHasher<T> ignores the user object; this marker only satisfies its generic constraint.
    private sealed class HashSubject;
}
