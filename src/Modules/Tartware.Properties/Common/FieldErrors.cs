using System.Text.RegularExpressions;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Common;

/// <summary>Collects every invalid field of a request so one 400 problem lists them all.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Required text: present, trimmed, within the length.</summary>
    public string? Text(string field, string? value, int max, bool required, int min = 1)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (trimmed.Length < min || trimmed.Length > max)
        {
            Add(field, $"must be {min} to {max} characters");
        }
        else if (trimmed.Any(char.IsControl))
        {
            Add(field, "must not contain control characters");
        }

        return trimmed;
    }

    public void Pattern(string field, string? value, Regex pattern, string message)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            Add(field, message);
        }
    }

    public void Range(string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"must be between {min} and {max}");
        }
    }

    public void OneOf(string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            Add(field, $"must be one of {string.Join(", ", allowed)}");
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
