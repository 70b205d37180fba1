using System.Text;

namespace Tartware.Identity.Security;

/// <summary>
/// NIST SP 800-63B §5.1.1.2: verifiers SHOULD apply Unicode normalization (NFKC) before hashing, so
/// "é" typed as one code point on one device and as e + combining accent on another is the same password.
/// Applied identically by <see cref="PasswordPolicy"/> and <see cref="PasswordHashing"/>.
/// </summary>
internal static class PasswordNormalization
{
    public static string Normalize(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        try
        {
            return password.IsNormalized(NormalizationForm.FormKC) ? password : password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16 (a lone surrogate) cannot be normalized; hash it as given, consistently.
            return password;
        }
    }
}
