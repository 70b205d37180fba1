using Tartware.ServiceDefaults.Errors;

namespace Tartware.ServiceDefaults.Endpoints;

/// <summary>Collects every invalid field of a request, then answers one 400 listing them all.</summary>
public sealed class Fields
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>Records a message for a field.</summary>
    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>The value, or a "is required" error when null.</summary>
    public T Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "is required");
        }

        return value.GetValueOrDefault();
    }

    /// <summary>Trimmed text within <paramref name="max"/> characters; null when empty (an error when required).</summary>
    public string? Text(string field, string? value, int max, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (text.Length > max)
        {
            Add(field, $"must be at most {max} characters");
        }

        return text;
    }

    /// <summary>A stay: departure after arrival, at most <paramref name="maxNights"/> nights.</summary>
    public (DateOnly From, DateOnly To) Stay(string fromField, DateOnly? from, string toField, DateOnly? to, int maxNights)
    {
        var start = Required(fromField, from);
        var end = Required(toField, to);
        if (from is not null && to is not null)
        {
            if (end <= start)
            {
                Add(toField, $"must be after {fromField}");
            }
            else if (end.DayNumber - start.DayNumber > maxNights)
            {
                Add(toField, $"must be at most {maxNights} nights after {fromField}");
            }
        }

        return (start, end);
    }

    /// <summary>Throws one 400 listing every field recorded so far.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors);
        }
    }
}
