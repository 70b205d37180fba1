namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// What a redacted value was. The kind is named in the replacement text (<c>[REDACTED:email]</c>) so a reader
/// knows what was there without seeing it.
/// </summary>
public enum SensitiveKind
{
    /// <summary>Passwords, client secrets, API and private keys, PINs, one-time codes.</summary>
    Secret,

    /// <summary>Bearer/Basic credentials, JWTs, access/refresh tokens, session ids, <c>Authorization</c> and cookie headers.</summary>
    Token,

    /// <summary>E-mail addresses.</summary>
    Email,

    /// <summary>Telephone, mobile and fax numbers.</summary>
    Phone,

    /// <summary>First, last, full and guest names.</summary>
    PersonName,

    /// <summary>Payment card numbers (PAN).</summary>
    PaymentCard,

    /// <summary>Card verification codes (CVV/CVC); PCI DSS 3.3.1 forbids storing them at all.</summary>
    CardSecurityCode,

    /// <summary>International bank account numbers.</summary>
    Iban,

    /// <summary>Passport, national identity, driving licence and other document numbers.</summary>
    IdentityDocument,

    /// <summary>Dates of birth.</summary>
    DateOfBirth,

    /// <summary>Postal addresses.</summary>
    Address,
}
