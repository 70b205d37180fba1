using System.Text.RegularExpressions;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Source-generated candidate finders. Each one only locates a shape; <see cref="RedactionValidators"/> and
/// <see cref="TextRedactor"/> decide what is really sensitive. Quantifiers are bounded and look-arounds keep
/// matches from starting inside a word, a GUID or a reference such as <c>RES-2024-000123</c>.
/// </summary>
internal static partial class RedactionPatterns
{
    // Backstop only: every pattern is linear in practice; a timeout redacts the whole text (fail closed).
    private const int TimeoutMs = 250;

    /// <summary>JSON Web Tokens: base64url header starting with <c>{"</c> (<c>eyJ</c>), payload, signature (RFC 7519).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Jwt();

    /// <summary>HTTP authentication schemes followed by a credential (RFC 9110 §11).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?i:bearer|basic|digest|negotiate|ntlm)[ ]+[A-Za-z0-9._~+/=-]{6,}", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex AuthorizationScheme();

    /// <summary>Header-style lines whose whole value is a credential: <c>Cookie: a=1; b=2</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?i:(?:proxy-)?authorization|set-cookie|cookie|x-api-key|api-key)[ \t]*:[ \t]*[^\s""'{\[][^\r\n""]*", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex CredentialHeader();

    /// <summary>
    /// The key and separator of <c>key=value</c>, <c>key: value</c>, <c>"key":"value"</c>, <c>Key (k)=(v)</c>.
    /// Only the key is matched, so scanning continues inside values and a nested pair is still seen.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])[A-Za-z][A-Za-z0-9_.-]{0,63}(?:\\?[""']|[)\]])?[ \t]*[:=][ \t]*", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex KeyValue();

    /// <summary>E-mail addresses, also URL-encoded (<c>%40</c>) as they appear in logged query strings.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}(?:@|%40)(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Email();

    /// <summary>Upper-case IBAN, compact or in groups of four (ISO 13616 print format).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?:[ ][A-Z0-9]{4}){2,7}(?:[ ][A-Z0-9]{1,4})?)(?![A-Za-z0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Iban();

    /// <summary>13–19 digits with optional single spaces or dashes, not glued to letters, dashes or a decimal point.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.+-])[0-9](?:[ -]?[0-9]){12,18}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex CardNumber();

    /// <summary>E.164 with a leading <c>+</c>: <c>+44 20 7946 0958</c>, <c>+1 (555) 123-4567</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9+])\+[1-9](?:[ .()-]{0,2}[0-9]){6,14}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex InternationalPhone();

    /// <summary>
    /// North American format with separators: <c>(555) 123-4567</c>, <c>555.123.4567</c>. Like the national format
    /// below, never the continuation of a longer space-grouped number (an IBAN or account number).
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.+/:-]|[0-9] )(?:\([2-9][0-9]{2}\)[ ]?|[2-9][0-9]{2}[ .-])[0-9]{3}[ .-][0-9]{4}(?![A-Za-z0-9_]|[.:/-][0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex NorthAmericanPhone();

    /// <summary>National formats with a trunk 0 and separators: <c>020 7946 0958</c>, <c>06 12 34 56 78</c>, <c>030-1234567</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.+/:-]|[0-9] )(?:\(0[0-9]{1,4}\)[ ]?|0[0-9]{1,4}[ .-])[0-9]{2,8}(?:[ .-][0-9]{2,8}){0,4}(?![A-Za-z0-9_]|[.:/-][0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex TrunkPrefixPhone();
}
