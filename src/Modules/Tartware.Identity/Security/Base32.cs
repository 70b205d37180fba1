namespace Tartware.Identity.Security;

/// <summary>
/// RFC 4648 §6 Base32 (alphabet A–Z, 2–7), the encoding authenticator apps expect for TOTP secrets.
/// Encodes without padding (the otpauth key URI format omits it); decoding ignores case and accepts padding.
/// </summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 0x1F];
            }
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 0x1F];
        }

        return new string(chars, 0, index);
    }

    /// <summary>Decodes Base32; throws <see cref="FormatException"/> on a character outside the alphabet or an impossible length.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().TrimEnd('=');
        // 1, 3 or 6 trailing characters cannot come from whole bytes (RFC 4648 §6 final quantum rules).
        if (trimmed.Length % 8 is 1 or 3 or 6)
        {
            throw new FormatException("Invalid Base32 length.");
        }

        var bytes = new byte[trimmed.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var c in trimmed)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("Invalid Base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[index++] = (byte)(buffer >> bits);
            }
        }

        return bytes;
    }
}
