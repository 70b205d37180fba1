using System.Globalization;

namespace Tartware.Identity.Security;

/// <summary>One broken rule; <see cref="Code"/> is stable for clients, <see cref="Message"/> is for people.</summary>
internal sealed record PasswordViolation(string Code, string Message);

/// <summary>Stable violation codes (part of the API contract: clients may switch on them).</summary>
internal static class PasswordViolationCodes
{
    public const string TooShort = "password_too_short";
    public const string TooLong = "password_too_long";
    public const string Common = "password_common";
    public const string ContainsUsername = "password_contains_username";
    public const string ContainsEmail = "password_contains_email";
}

/// <summary>
/// Password rules of NIST SP 800-63B §5.1.1.2 and OWASP ASVS 4.0 V2.1: length 12–128 (ASVS 2.1.1,
/// 2.1.2), any character allowed and no composition rules (ASVS 2.1.9), checked against a list of
/// breached/common passwords (ASVS 2.1.7) and against context-specific words such as the username
/// (800-63B). Length counts user-perceived characters, so an emoji or an accented letter counts once.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    // Shorter identifiers ("bob", "al") would forbid ordinary passwords that happen to contain them.
    private const int MinContextWordLength = 4;

    public static IReadOnlyList<PasswordViolation> Check(string password, string? username, string? email)
    {
        ArgumentNullException.ThrowIfNull(password);
        var normalized = PasswordNormalization.Normalize(password);
        var violations = new List<PasswordViolation>();

        var length = new StringInfo(normalized).LengthInTextElements;
        if (length < MinLength)
        {
            violations.Add(new(PasswordViolationCodes.TooShort, $"Use at least {MinLength} characters."));
        }
        else if (length > MaxLength)
        {
            violations.Add(new(PasswordViolationCodes.TooLong, $"Use at most {MaxLength} characters."));
        }

        // Trimmed too: "password1234 " is the same guess with a space typed after it.
        if (CommonPasswords.Contains(normalized) || CommonPasswords.Contains(normalized.Trim()))
        {
            violations.Add(new(PasswordViolationCodes.Common, "This password is too common; choose another."));
        }

        if (ContainsContextWord(normalized, username))
        {
            violations.Add(new(PasswordViolationCodes.ContainsUsername, "The password must not contain the username."));
        }

        if (ContainsContextWord(normalized, EmailLocalPart(email)))
        {
            violations.Add(new(PasswordViolationCodes.ContainsEmail, "The password must not contain the email address."));
        }

        return violations;
    }

    private static bool ContainsContextWord(string password, string? word)
    {
        var trimmed = word?.Trim();
        return trimmed is { Length: >= MinContextWordLength } &&
               password.Contains(trimmed, StringComparison.OrdinalIgnoreCase);
    }

    private static string? EmailLocalPart(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at > 0 ? email![..at] : email;
    }
}
