namespace Tartware.ServiceDefaults.Logging;

/// <summary>Replacement texts: the kind stays readable, the value is gone.</summary>
internal static class Placeholders
{
    public const string Unparsable = "[REDACTED:unparsable]";
    public const string Prefix = "[REDACTED";

    private static readonly string[] ByKind =
    [
        "[REDACTED:secret]", "[REDACTED:token]", "[REDACTED:email]", "[REDACTED:phone]", "[REDACTED:personName]",
        "[REDACTED:card]", "[REDACTED:cvv]", "[REDACTED:iban]", "[REDACTED:document]", "[REDACTED:dateOfBirth]",
        "[REDACTED:address]",
    ];

    public static string For(SensitiveKind kind) => ByKind[(int)kind];
}
