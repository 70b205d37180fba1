using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Redacts sensitive values found by shape anywhere in a string. Returns the same instance when nothing matched:
/// cheap character pre-checks skip passes that cannot match, and candidates are enumerated as spans.
/// </summary>
internal sealed class TextRedactor(SensitiveKeyClassifier classifier)
{
    private static readonly SearchValues<string> Schemes =
        SearchValues.Create(["bearer", "basic", "digest", "negotiate", "ntlm"], StringComparison.OrdinalIgnoreCase);

    // start/end are absolute positions of the text to replace; false leaves the candidate alone.
    private delegate bool Decide(TextRedactor self, string text, int index, int length, out int start, out int end, out string replacement);

    public string Redact(string text)
    {
        if (text.Length < 5)
        {
            return text;
        }

        try
        {
            return RedactCore(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return Placeholders.Unparsable;
        }
    }

    private string RedactCore(string text)
    {
        var s = text;
        if (s.Contains("eyJ", StringComparison.Ordinal))
        {
            s = Replace(s, RedactionPatterns.Jwt(), static (_, _, i, l, out st, out e, out r) => Whole(i, l, SensitiveKind.Token, out st, out e, out r));
        }

        if (s.AsSpan().ContainsAny(Schemes))
        {
            s = Replace(s, RedactionPatterns.AuthorizationScheme(), static (_, t, i, l, out st, out e, out r) => SchemeCredential(t, i, l, out st, out e, out r));
        }

        if (s.AsSpan().ContainsAny(':', '='))
        {
            s = Replace(s, RedactionPatterns.CredentialHeader(), static (self, t, i, l, out st, out e, out r) => self.HeaderValue(t, i, l, out st, out e, out r));
            s = Replace(s, RedactionPatterns.KeyValue(), static (self, t, i, l, out st, out e, out r) => self.KeyedValue(t, i, l, out st, out e, out r));
        }

        if (s.Contains('@') || s.Contains("%40", StringComparison.Ordinal))
        {
            s = Replace(s, RedactionPatterns.Email(), static (_, _, i, l, out st, out e, out r) => Whole(i, l, SensitiveKind.Email, out st, out e, out r));
        }

        if (!s.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return s;
        }

        if (s.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            s = Replace(s, RedactionPatterns.Iban(), static (_, t, i, l, out st, out e, out r) =>
                Whole(i, RedactionValidators.ValidIbanLength(t.AsSpan(i, l)), SensitiveKind.Iban, out st, out e, out r));
        }

        s = Replace(s, RedactionPatterns.CardNumber(), static (_, t, i, l, out st, out e, out r) =>
            Whole(i, ValidCardLength(t.AsSpan(i, l)), SensitiveKind.PaymentCard, out st, out e, out r));
        s = Replace(s, RedactionPatterns.InternationalPhone(), static (_, t, i, l, out st, out e, out r) =>
            Whole(i, RedactionValidators.IsPhoneNumber(t.AsSpan(i, l), international: true) ? l : 0, SensitiveKind.Phone, out st, out e, out r));
        s = Replace(s, RedactionPatterns.NorthAmericanPhone(), static (_, _, i, l, out st, out e, out r) => Whole(i, l, SensitiveKind.Phone, out st, out e, out r));
        return Replace(s, RedactionPatterns.TrunkPrefixPhone(), static (_, t, i, l, out st, out e, out r) =>
            Whole(i, RedactionValidators.IsPhoneNumber(t.AsSpan(i, l), international: false) ? l : 0, SensitiveKind.Phone, out st, out e, out r));
    }

    private string Replace(string text, Regex regex, Decide decide)
    {
        StringBuilder? builder = null;
        var copied = 0;
        foreach (var match in regex.EnumerateMatches(text))
        {
            if (match.Index < copied || !decide(this, text, match.Index, match.Length, out var start, out var end, out var replacement))
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, start - copied).Append(replacement);
            copied = end;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool Whole(int index, int length, SensitiveKind kind, out int start, out int end, out string replacement)
    {
        (start, end, replacement) = (index, index + length, Placeholders.For(kind));
        return length > 0;
    }

    private static int ValidCardLength(ReadOnlySpan<char> candidate)
    {
        // The regex is greedy across separators: "4111 1111 1111 1111 123" must still find the 16-digit card.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            if (RedactionValidators.IsPaymentCard(candidate))
            {
                return candidate.Length;
            }

            var cut = candidate.LastIndexOfAny(' ', '-');
            if (cut < 0)
            {
                return 0;
            }

            candidate = candidate[..cut];
        }

        return 0;
    }

    private static bool SchemeCredential(string text, int index, int length, out int start, out int end, out string replacement)
    {
        var space = text.IndexOf(' ', index, length);
        start = space;
        while (start < index + length && text[start] == ' ')
        {
            start++;
        }

        (end, replacement) = (index + length, Placeholders.For(SensitiveKind.Token));
        return RedactionValidators.LooksLikeCredential(text.AsSpan(start, end - start));
    }

    private bool HeaderValue(string text, int index, int length, out int start, out int end, out string replacement)
    {
        var colon = text.IndexOf(':', index, length);
        start = colon + 1;
        while (text[start] is ' ' or '\t')
        {
            start++;
        }

        end = index + length;
        replacement = Placeholders.For(classifier.Classify(text.AsSpan(index, colon - index).TrimEnd()) ?? SensitiveKind.Token);
        return true;
    }

    private bool KeyedValue(string text, int index, int length, out int start, out int end, out string replacement)
    {
        (start, end, replacement) = (0, 0, string.Empty);
        var keyLength = 1;
        while (keyLength < length && (char.IsAsciiLetterOrDigit(text[index + keyLength]) || text[index + keyLength] is '_' or '.' or '-'))
        {
            keyLength++;
        }

        // "File.cs:line 42" in a stack trace is a location, not a pair, even in PasswordHasher.cs.
        var key = text.AsSpan(index, keyLength);
        if (key.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
            || classifier.Classify(key) is not { } kind || !ValueScanner.FindValue(text, index + length, kind, out start, out end))
        {
            return false;
        }

        replacement = Placeholders.For(kind);
        return true;
    }
}
