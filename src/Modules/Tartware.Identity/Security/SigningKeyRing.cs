namespace Tartware.Identity.Security;

/// <summary>
/// A signing key with its rotation schedule. <see cref="ActivatesAt"/> may lie in the future so the
/// key is published in the JWKS before it signs anything; <see cref="RetiresAt"/> is set on rotation to
/// (successor's activation + access-token lifetime + clock skew), so tokens the key signed stay
/// verifiable until they expire, then the key disappears everywhere.
/// </summary>
internal sealed record SigningKeyRecord(
    string Kid,
    DateTimeOffset CreatedAt,
    DateTimeOffset ActivatesAt,
    DateTimeOffset? RetiresAt,
    SigningKeyMaterial Material);

/// <summary>
/// Immutable snapshot of the signing keys, rebuilt whenever the stored keys change. Pure: every
/// question takes the current instant, so one snapshot answers correctly as time moves past
/// activation and retirement boundaries.
/// </summary>
internal sealed class SigningKeyRing
{
    private readonly SigningKeyRecord[] _records;

    public SigningKeyRing(IEnumerable<SigningKeyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        // Newest first: activation, then creation breaks ties deterministically.
        _records = [.. records.OrderByDescending(r => r.ActivatesAt).ThenByDescending(r => r.CreatedAt)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in _records)
        {
            if (!string.Equals(record.Kid, record.Material.Kid, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Record kid {record.Kid} does not match its key material.", nameof(records));
            }

            if (!seen.Add(record.Kid))
            {
                throw new ArgumentException($"Duplicate kid {record.Kid}.", nameof(records));
            }
        }
    }

    public IReadOnlyList<SigningKeyRecord> Records => _records;

    /// <summary>The key that signs new tokens now: the newest one already activated and not retired; null if none.</summary>
    public SigningKeyRecord? Current(DateTimeOffset now) =>
        _records.FirstOrDefault(r => r.ActivatesAt <= now && !IsRetired(r, now));

    /// <summary>Every key not yet retired: the current one, its predecessors still covering live tokens, and pre-published successors.</summary>
    public IReadOnlyList<SigningKeyRecord> Published(DateTimeOffset now) =>
        [.. _records.Where(r => !IsRetired(r, now))];

    /// <summary>The key a token's <c>kid</c> names, if it is still published; retired or unknown ids verify nothing.</summary>
    public SigningKeyRecord? FindForValidation(string? kid, DateTimeOffset now) =>
        kid is null ? null : _records.FirstOrDefault(r => string.Equals(r.Kid, kid, StringComparison.Ordinal) && !IsRetired(r, now));

    private static bool IsRetired(SigningKeyRecord record, DateTimeOffset now) =>
        record.RetiresAt is { } retiresAt && retiresAt <= now;
}
