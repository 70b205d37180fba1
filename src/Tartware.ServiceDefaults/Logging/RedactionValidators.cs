namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Second-stage checks for regex candidates. The regexes find shapes; these decide whether the shape is really a
/// card, an IBAN or a phone number, which is what keeps order numbers, amounts and dates out of redaction.
/// </summary>
internal static class RedactionValidators
{
    /// <summary>13–19 digits (separators ignored), issuer digit 2–6 (Visa, Mastercard, Amex, Discover, JCB, UnionPay, Maestro), Luhn-valid.</summary>
    public static bool IsPaymentCard(ReadOnlySpan<char> candidate)
    {
        int digits = 0, sum = 0;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if ((digits & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
        }

        var first = candidate.IndexOfAnyInRange('0', '9');
        return digits is >= 13 and <= 19 && first >= 0 && candidate[first] is >= '2' and <= '6' && sum % 10 == 0;
    }

    /// <summary>ISO 13616: 15–34 characters, check digits valid under mod 97 (spaces ignored).</summary>
    public static bool IsIban(ReadOnlySpan<char> candidate)
    {
        Span<char> compact = stackalloc char[34];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == compact.Length)
            {
                return false;
            }

            compact[length++] = c;
        }

        if (length < 15)
        {
            return false;
        }

        // Move the country code and check digits to the end, letters become 10..35, remainder must be 1.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    /// <summary>
    /// Length of the longest valid IBAN at the start of <paramref name="candidate"/>: the regex may have swallowed a
    /// following 4-letter word ("… 3000 EURO"), so trailing groups are dropped one at a time.
    /// </summary>
    public static int ValidIbanLength(ReadOnlySpan<char> candidate)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (IsIban(candidate))
            {
                return candidate.Length;
            }

            var lastSpace = candidate.LastIndexOf(' ');
            if (lastSpace < 0)
            {
                return 0;
            }

            candidate = candidate[..lastSpace];
        }

        return 0;
    }

    /// <summary>
    /// E.164 allows 7–15 digits; national numbers with a trunk 0 have 9–15. Rejects amounts (<c>+1234567.89</c>) and
    /// dates (<c>01.02.2024 10</c>) that happen to have the shape of a phone number.
    /// </summary>
    public static bool IsPhoneNumber(ReadOnlySpan<char> candidate, bool international)
    {
        int digits = 0, dots = 0, otherSeparators = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.')
            {
                dots++;
            }
            else if (c != '+')
            {
                otherSeparators++;
            }
        }

        if (international)
        {
            return digits is >= 7 and <= 15 && !(dots == 1 && otherSeparators == 0);
        }

        return digits is >= 9 and <= 15 && !StartsLikeDate(candidate);
    }

    /// <summary>Bearer/Basic credentials are mixed-case, contain digits or symbols; prose after "Basic" ("Basic settings") is not.</summary>
    public static bool LooksLikeCredential(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetter(c) || (i > 0 && char.IsAsciiLetterUpper(c)))
            {
                return true;
            }
        }

        return false;
    }

    // dd.mm.yyyy, dd-mm-yy, dd/mm/… — day and month of one or two digits followed by the same separator.
    private static bool StartsLikeDate(ReadOnlySpan<char> candidate)
    {
        var firstSeparator = candidate.IndexOfAny(".-/");
        if (firstSeparator is < 1 or > 2)
        {
            return false;
        }

        var rest = candidate[(firstSeparator + 1)..];
        var secondSeparator = rest.IndexOfAny(".-/");
        return secondSeparator is 1 or 2
            && rest[secondSeparator] == candidate[firstSeparator]
            && !rest[..secondSeparator].ContainsAnyExceptInRange('0', '9');
    }
}
