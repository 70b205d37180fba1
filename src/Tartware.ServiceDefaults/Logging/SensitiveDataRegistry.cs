using System.Collections.Frozen;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Field names a module declares sensitive, on top of the built-in rules (see <see cref="LogRedactor"/>).
/// Register through <see cref="SensitiveDataServiceCollectionExtensions.AddSensitiveData"/>; the redactor
/// freezes the set when it is created, so registration belongs to startup.
/// </summary>
/// <remarks>
/// Names match whole keys, ignoring case and the separators <c>_</c>, <c>-</c>, <c>.</c> and spaces:
/// registering <c>guestName</c> also covers <c>guest_name</c> and <c>GUEST-NAME</c>. Generic names such as
/// <c>name</c> are not redacted unless a module registers them here.
/// </remarks>
public sealed class SensitiveDataRegistry
{
    private readonly Dictionary<string, SensitiveKind> _fields = new(StringComparer.Ordinal);

    /// <summary>Declares <paramref name="fieldName"/> sensitive: its value is replaced wherever it is logged as a key.</summary>
    public SensitiveDataRegistry Register(string fieldName, SensitiveKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldName);
        var normalized = SensitiveKeyClassifier.Normalize(fieldName);
        if (normalized.Length == 0)
        {
            throw new ArgumentException($"'{fieldName}' has no letters or digits.", nameof(fieldName));
        }

        _fields[normalized] = kind;
        return this;
    }

    internal FrozenDictionary<string, SensitiveKind> Freeze() => _fields.ToFrozenDictionary(StringComparer.Ordinal);
}
