namespace Tartware.Identity.Security;

/// <summary>
/// Supplies the current key-ring snapshot to token issuing and validation. Called on every request, so
/// an implementation must answer from memory (refresh from storage in the background), never block on I/O.
/// </summary>
internal interface ISigningKeyRingSource
{
    SigningKeyRing GetRing();
}

/// <summary>A fixed ring: tests, tools, and a starting point before the stored ring is loaded.</summary>
internal sealed class StaticSigningKeyRingSource(SigningKeyRing ring) : ISigningKeyRingSource
{
    public SigningKeyRing GetRing() => ring;
}
