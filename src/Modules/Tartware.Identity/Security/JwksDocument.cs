using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tartware.Identity.Security;

/// <summary>The JWK Set (RFC 7517 §5) served at <c>/.well-known/jwks.json</c>: public keys only.</summary>
internal static class JwksDocument
{
    public static string Render(SigningKeyRing ring, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var keys = ring.Published(now).Select(r => r.Material.ToJwk()).ToArray();
        return JsonSerializer.Serialize(new JwkSet(keys));
    }

    private sealed record JwkSet([property: JsonPropertyName("keys")] IReadOnlyList<PublicJwk> Keys);
}
