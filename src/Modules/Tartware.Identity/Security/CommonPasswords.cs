using System.Collections.Frozen;

namespace Tartware.Identity.Security;

/// <summary>
/// The shipped blocklist of common passwords (embedded <c>common-passwords.txt</c>), read once into a
/// frozen case-insensitive set. It is immutable data compiled into the assembly, so a process-wide
/// lazy value is safe; nothing else is cached here.
/// </summary>
internal static class CommonPasswords
{
    public const string ResourceName = "Tartware.Identity.Security.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> _entries = new(Load);

    public static int Count => _entries.Value.Count;

    public static bool Contains(string candidate) => _entries.Value.Contains(candidate);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(line);
            }
        }

        return entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
