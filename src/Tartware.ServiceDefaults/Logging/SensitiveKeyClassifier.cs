using System.Collections.Frozen;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Decides from a key alone (a structured-state property, a scope key, a dictionary key, a header name or the
/// key of a <c>key=value</c> pair in free text) whether its value must be redacted.
/// </summary>
/// <remarks>
/// Keys are normalized to lower-case letters and digits, so <c>Set-Cookie</c>, <c>set_cookie</c> and
/// <c>SetCookie</c> are one key. Built-in rules match fragments (a suffix such as <c>…token</c> or a part such as
/// <c>…password…</c>); registered names match whole keys (or the last dotted segment) only. Bare <c>code</c> and
/// <c>name</c> are deliberately not built in: a PMS logs rate, room and currency codes and room-type names.
/// </remarks>
internal sealed class SensitiveKeyClassifier
{
    private const int StackLimit = 128;

    private enum Match
    {
        Exact,
        Suffix,
        Part,
    }

    // First matching rule wins, so the more specific rules (authorization code before authorization) come first.
    private static readonly (string Fragment, Match Mode, SensitiveKind Kind)[] Rules =
    [
        ("password", Match.Part, SensitiveKind.Secret), ("passwd", Match.Part, SensitiveKind.Secret),
        ("passphrase", Match.Part, SensitiveKind.Secret), ("secret", Match.Part, SensitiveKind.Secret),
        ("privatekey", Match.Part, SensitiveKind.Secret), ("signingkey", Match.Part, SensitiveKind.Secret),
        ("encryptionkey", Match.Part, SensitiveKind.Secret), ("accesskey", Match.Part, SensitiveKind.Secret),
        ("apikey", Match.Part, SensitiveKind.Secret), ("masterkey", Match.Part, SensitiveKind.Secret),
        ("subscriptionkey", Match.Part, SensitiveKind.Secret), ("credential", Match.Part, SensitiveKind.Secret),
        ("pwd", Match.Suffix, SensitiveKind.Secret), ("otp", Match.Suffix, SensitiveKind.Secret),
        ("otpcode", Match.Suffix, SensitiveKind.Secret), ("mfacode", Match.Suffix, SensitiveKind.Secret),
        ("pincode", Match.Suffix, SensitiveKind.Secret), ("verificationcode", Match.Suffix, SensitiveKind.Secret),
        ("authcode", Match.Suffix, SensitiveKind.Secret), ("authorizationcode", Match.Suffix, SensitiveKind.Secret),
        ("resetcode", Match.Suffix, SensitiveKind.Secret), ("securityanswer", Match.Suffix, SensitiveKind.Secret),
        ("pin", Match.Exact, SensitiveKind.Secret), ("pass", Match.Exact, SensitiveKind.Secret),
        ("token", Match.Suffix, SensitiveKind.Token), ("tokens", Match.Suffix, SensitiveKind.Token),
        ("authorization", Match.Suffix, SensitiveKind.Token), ("cookie", Match.Suffix, SensitiveKind.Token),
        ("cookies", Match.Suffix, SensitiveKind.Token), ("sessionid", Match.Suffix, SensitiveKind.Token),
        ("sessionkey", Match.Suffix, SensitiveKind.Token), ("jwt", Match.Suffix, SensitiveKind.Token),
        ("cvv", Match.Suffix, SensitiveKind.CardSecurityCode), ("cvc", Match.Suffix, SensitiveKind.CardSecurityCode),
        ("cvv2", Match.Suffix, SensitiveKind.CardSecurityCode), ("cvc2", Match.Suffix, SensitiveKind.CardSecurityCode),
        ("cvn", Match.Suffix, SensitiveKind.CardSecurityCode), ("securitycode", Match.Suffix, SensitiveKind.CardSecurityCode),
        ("cardverificationcode", Match.Part, SensitiveKind.CardSecurityCode),
        ("cardverificationvalue", Match.Part, SensitiveKind.CardSecurityCode),
        ("cardnumber", Match.Part, SensitiveKind.PaymentCard), ("cardno", Match.Suffix, SensitiveKind.PaymentCard),
        ("creditcard", Match.Part, SensitiveKind.PaymentCard), ("debitcard", Match.Part, SensitiveKind.PaymentCard),
        ("primaryaccountnumber", Match.Part, SensitiveKind.PaymentCard), ("pan", Match.Exact, SensitiveKind.PaymentCard),
        ("iban", Match.Part, SensitiveKind.Iban), ("bankaccount", Match.Part, SensitiveKind.Iban),
        ("passport", Match.Part, SensitiveKind.IdentityDocument), ("documentnumber", Match.Part, SensitiveKind.IdentityDocument),
        ("documentno", Match.Suffix, SensitiveKind.IdentityDocument), ("iddocument", Match.Part, SensitiveKind.IdentityDocument),
        ("identitydocument", Match.Part, SensitiveKind.IdentityDocument), ("identitynumber", Match.Part, SensitiveKind.IdentityDocument),
        ("nationalid", Match.Part, SensitiveKind.IdentityDocument), ("idnumber", Match.Part, SensitiveKind.IdentityDocument),
        ("idcard", Match.Part, SensitiveKind.IdentityDocument), ("driverslicen", Match.Part, SensitiveKind.IdentityDocument),
        ("driverlicen", Match.Part, SensitiveKind.IdentityDocument), ("drivinglicen", Match.Part, SensitiveKind.IdentityDocument),
        ("socialsecurity", Match.Part, SensitiveKind.IdentityDocument), ("visanumber", Match.Part, SensitiveKind.IdentityDocument),
        ("ssn", Match.Exact, SensitiveKind.IdentityDocument), ("dni", Match.Exact, SensitiveKind.IdentityDocument),
        ("nie", Match.Exact, SensitiveKind.IdentityDocument), ("cpf", Match.Exact, SensitiveKind.IdentityDocument),
        ("email", Match.Part, SensitiveKind.Email), ("mail", Match.Exact, SensitiveKind.Email),
        ("phone", Match.Part, SensitiveKind.Phone), ("msisdn", Match.Part, SensitiveKind.Phone),
        ("mobile", Match.Suffix, SensitiveKind.Phone), ("mobilenumber", Match.Suffix, SensitiveKind.Phone),
        ("fax", Match.Suffix, SensitiveKind.Phone), ("faxnumber", Match.Suffix, SensitiveKind.Phone),
        ("tel", Match.Exact, SensitiveKind.Phone),
        ("dateofbirth", Match.Part, SensitiveKind.DateOfBirth), ("birthdate", Match.Part, SensitiveKind.DateOfBirth),
        ("birthday", Match.Part, SensitiveKind.DateOfBirth), ("dob", Match.Suffix, SensitiveKind.DateOfBirth),
        ("firstname", Match.Suffix, SensitiveKind.PersonName), ("lastname", Match.Suffix, SensitiveKind.PersonName),
        ("fullname", Match.Suffix, SensitiveKind.PersonName), ("middlename", Match.Suffix, SensitiveKind.PersonName),
        ("surname", Match.Suffix, SensitiveKind.PersonName), ("givenname", Match.Suffix, SensitiveKind.PersonName),
        ("givennames", Match.Suffix, SensitiveKind.PersonName), ("familyname", Match.Suffix, SensitiveKind.PersonName),
        ("forename", Match.Suffix, SensitiveKind.PersonName), ("guestname", Match.Suffix, SensitiveKind.PersonName),
        ("holdername", Match.Suffix, SensitiveKind.PersonName), ("maidenname", Match.Suffix, SensitiveKind.PersonName),
        ("contactname", Match.Suffix, SensitiveKind.PersonName), ("displayname", Match.Suffix, SensitiveKind.PersonName),
        ("personname", Match.Suffix, SensitiveKind.PersonName), ("cardholder", Match.Suffix, SensitiveKind.PersonName),
        ("street", Match.Part, SensitiveKind.Address), ("addressline", Match.Part, SensitiveKind.Address),
    ];

    // Network addresses are operational data, not postal addresses.
    private static readonly string[] NonPostalAddresses =
        ["ipaddress", "macaddress", "remoteaddress", "localaddress", "serveraddress", "bindaddress", "hostaddress", "listenaddress"];

    private readonly FrozenDictionary<string, SensitiveKind>.AlternateLookup<ReadOnlySpan<char>> _registered;

    public SensitiveKeyClassifier(FrozenDictionary<string, SensitiveKind> registered) =>
        _registered = registered.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Normalize(string key)
    {
        Span<char> buffer = key.Length <= StackLimit ? stackalloc char[key.Length] : new char[key.Length];
        return new string(Normalize(key, buffer));
    }

    public SensitiveKind? Classify(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key[0] == '{')
        {
            return null; // "{OriginalFormat}" is the message template, never a value.
        }

        Span<char> buffer = key.Length <= StackLimit ? stackalloc char[key.Length] : new char[key.Length];
        var normalized = Normalize(key, buffer);
        if (_registered.TryGetValue(normalized, out var registered))
        {
            return registered;
        }

        var lastDot = key.LastIndexOf('.');
        if (lastDot >= 0 && lastDot < key.Length - 1 && _registered.TryGetValue(Normalize(key[(lastDot + 1)..], buffer), out registered))
        {
            return registered;
        }

        return ClassifyBuiltIn(Normalize(key, buffer));
    }

    private static SensitiveKind? ClassifyBuiltIn(ReadOnlySpan<char> normalized)
    {
        foreach (var (fragment, mode, kind) in Rules)
        {
            var hit = mode switch
            {
                Match.Exact => normalized.SequenceEqual(fragment),
                Match.Suffix => normalized.EndsWith(fragment, StringComparison.Ordinal),
                _ => normalized.Contains(fragment, StringComparison.Ordinal),
            };
            if (hit)
            {
                return kind;
            }
        }

        if (normalized.Contains("address", StringComparison.Ordinal))
        {
            foreach (var network in NonPostalAddresses)
            {
                if (normalized.EndsWith(network, StringComparison.Ordinal))
                {
                    return null;
                }
            }

            return SensitiveKind.Address;
        }

        return null;
    }

    private static Span<char> Normalize(ReadOnlySpan<char> key, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return buffer[..length];
    }
}
