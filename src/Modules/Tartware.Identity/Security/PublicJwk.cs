using System.Text.Json.Serialization;

namespace Tartware.Identity.Security;

/// <summary>A public EC JSON Web Key (RFC 7517 §4, RFC 7518 §6.2.1) as published in the JWKS.</summary>
internal sealed record PublicJwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg);
