using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Sizing and bit positions. An item's 64-bit hash is the first 8 bytes of SHA-256 over its UTF-8 bytes
/// (in the BCL and uniform even for near-identical names; anyone can compute it, which only buys an attacker
/// false positives, i.e. one database query each); its two 32-bit halves h1, h2 give the k positions by double hashing (Kirsch and
/// Mitzenmacher, 2006): g_i = (h1 + i * h2) mod m. The Lua scripts compute the same formula; every
/// intermediate value stays below 2^53, so it is exact in Lua's doubles too.
/// </summary>
internal static class BloomMath
{
    /// <summary>Redis strings hold at most 512 MB, i.e. 2^32 bits.</summary>
    public const long MaxBits = 1L << 32;

    public static (uint H1, uint H2) Hash(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(item.Length);
        var utf8 = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(item, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        return (BinaryPrimitives.ReadUInt32LittleEndian(digest), BinaryPrimitives.ReadUInt32LittleEndian(digest[4..]));
    }

    public static long Position(uint h1, uint h2, int i, long bits) => (long)((h1 + ((ulong)i * h2)) % (ulong)bits);

    /// <summary>m = -n ln p / (ln 2)^2 and k = (m / n) ln 2, for n expected items at false-positive rate p.</summary>
    public static (long Bits, int HashCount) Size(long expectedItems, double falsePositiveRate)
    {
        if (falsePositiveRate is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), "must be between 0 and 1 exclusive.");
        }

        var n = Math.Max(1, expectedItems);
        var bits = (long)Math.Ceiling(-n * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        bits = Math.Max(64, bits);
        if (bits > MaxBits)
        {
            throw new InvalidOperationException($"A filter for {n} items at p={falsePositiveRate} needs {bits} bits, more than a Redis string holds.");
        }

        var hashCount = (int)Math.Clamp(Math.Round((double)bits / n * Math.Log(2)), 1, 30);
        return (bits, hashCount);
    }

    /// <summary>(1 - e^(-k n / m))^k.</summary>
    public static double EstimatedFalsePositiveRate(long bits, int hashCount, long items) =>
        items <= 0 ? 0 : Math.Pow(1 - Math.Exp(-(double)hashCount * items / bits), hashCount);

    /// <summary>Sets the item's bits in a bitmap laid out as Redis does (bit 0 is the high bit of byte 0).</summary>
    public static void Set(byte[] bitmap, long bits, int hashCount, uint h1, uint h2)
    {
        for (var i = 0; i < hashCount; i++)
        {
            var position = Position(h1, h2, i, bits);
            bitmap[position >> 3] |= (byte)(0x80 >> (int)(position & 7));
        }
    }
}
