using System.Buffers;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Finds the extent of the value after a sensitive <c>key=</c> in free text: quoted (JSON, escaped JSON),
/// bracketed (<c>(v)</c>, <c>[..]</c>, <c>{..}</c>) or bare up to the next delimiter. Unterminated values are
/// redacted up to a limit rather than leaked.
/// </summary>
internal static class ValueScanner
{
    private const int MaxValueLength = 1024;

    private static readonly SearchValues<char> UnquotedValueEnd = SearchValues.Create(" \t\r\n&;,\"'<>{}[]()");

    public static bool FindValue(string text, int p, SensitiveKind kind, out int start, out int end)
    {
        (start, end) = (p, p);
        if (p >= text.Length || text.AsSpan(p).StartsWith(Placeholders.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var limit = Math.Min(text.Length, p + MaxValueLength);
        switch (text[p])
        {
            case '"' or '\'':
                (start, end) = (p + 1, ClosingQuote(text, p + 1, limit, text[p]));
                return end > start;
            case '\\' when p + 1 < text.Length && text[p + 1] is '"' or '\'':
                (start, end) = (p + 2, text.IndexOf(string.Concat("\\", text[p + 1].ToString()), p + 2, limit - p - 2, StringComparison.Ordinal));
                end = end < 0 ? limit : end;
                return end > start;
            case '(' or '[' or '{':
                (start, end) = (p, ClosingBracket(text, p, limit));
                return true;
        }

        end = UnquotedEnd(text, p, limit);
        if (kind is SensitiveKind.PersonName or SensitiveKind.Address)
        {
            // Names and addresses have spaces: take up to four more words, stopping before the next "key=".
            for (var words = 0; words < 4 && end + 1 < limit && text[end] == ' ' && char.IsLetterOrDigit(text[end + 1]); words++)
            {
                var wordEnd = UnquotedEnd(text, end + 1, limit);
                if (text.AsSpan(end + 1, wordEnd - end - 1).ContainsAny(':', '='))
                {
                    break;
                }

                end = wordEnd;
            }
        }

        return end > start;
    }

    private static int UnquotedEnd(string text, int from, int limit)
    {
        var stop = text.AsSpan(from, limit - from).IndexOfAny(UnquotedValueEnd);
        return stop < 0 ? limit : from + stop;
    }

    private static int ClosingQuote(string text, int from, int limit, char quote)
    {
        for (var i = from; i < limit; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote || text[i] is '\r' or '\n')
            {
                return i;
            }
        }

        return limit; // Unterminated: redact up to the limit rather than leak the rest.
    }

    private static int ClosingBracket(string text, int from, int limit)
    {
        var (open, close) = (text[from], text[from] switch { '(' => ')', '[' => ']', _ => '}' });
        var depth = 0;
        for (var i = from; i < limit; i++)
        {
            depth += text[i] == open ? 1 : text[i] == close ? -1 : 0;
            if (depth == 0)
            {
                return i + 1;
            }
        }

        return limit;
    }
}
