namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Cache and filter names become metric tags and Redis key segments, so they are short, low-cardinality
/// identifiers; a ':' would let two (name, key) pairs map to the same Redis key.
/// </summary>
internal static class CacheNames
{
    public static void Validate(string name, string parameter = "cacheName")
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException("Use 1-64 characters of a-z 0-9 . _ - (it is a metric tag and a Redis key segment).", parameter);
        }
    }
}
