namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// The one redaction policy every log sink goes through (the JSON console and OpenTelemetry export), also usable
/// directly by code that must show untrusted text. Values are replaced by <c>[REDACTED:kind]</c>.
/// </summary>
/// <remarks>
/// By key (structured state, scopes, nested dictionaries, headers, <c>key=value</c> in text): secrets, tokens,
/// <c>Authorization</c>/<c>Cookie</c>/<c>Set-Cookie</c>, card numbers and CVV/CVC, IBAN, passport and other document
/// numbers, person names, e-mail, phone, date of birth, postal address, plus names a module registers in
/// <see cref="SensitiveDataRegistry"/>. By shape anywhere in text: JWTs, Bearer/Basic credentials, e-mail addresses,
/// Luhn-valid card numbers, mod-97-valid IBANs, phone numbers (E.164 and common national formats).
/// </remarks>
public sealed class LogRedactor
{
    private readonly SensitiveKeyClassifier _classifier;
    private readonly TextRedactor _text;
    private readonly StructuredValueRedactor _values;
    private readonly MessageTemplateRenderer _templates = new();

    /// <summary>Creates the redactor with the built-in rules plus the names in <paramref name="registry"/> (copied now).</summary>
    public LogRedactor(SensitiveDataRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _classifier = new SensitiveKeyClassifier(registry.Freeze());
        _text = new TextRedactor(_classifier);
        _values = new StructuredValueRedactor(_classifier, _text);
    }

    /// <summary>The placeholder that replaces a value of <paramref name="kind"/>, e.g. <c>[REDACTED:email]</c>.</summary>
    public static string Placeholder(SensitiveKind kind) => Placeholders.For(kind);

    /// <summary>Redacts sensitive values found by shape; returns the same instance when nothing was found.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _text.Redact(text);
    }

    /// <summary>Redacts a value logged under <paramref name="key"/>: the whole value when the key is sensitive, otherwise its content.</summary>
    public object? Redact(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var changed = false;
        return _values.RedactEntry(key, value, 0, ref changed);
    }

    /// <summary>What a value logged under <paramref name="key"/> would be redacted as, or <c>null</c> when the key is not sensitive.</summary>
    public SensitiveKind? Classify(string key) => _classifier.Classify(key);

    internal RedactedLogState RedactState<TState>(TState state, Exception? exception, Func<TState, Exception?, string>? formatter)
    {
        KeyValuePair<string, object?>[] properties = [];
        string? template = null;
        var changed = false;
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            var list = new List<KeyValuePair<string, object?>>(state is IReadOnlyCollection<KeyValuePair<string, object?>> c ? c.Count : 4);
            foreach (var (key, value) in pairs)
            {
                if (key == RedactedLogState.OriginalFormatKey && value is string format)
                {
                    template = format;
                    list.Add(new(key, _text.Redact(format)));
                }
                else
                {
                    list.Add(new(key, _values.RedactEntry(key, value, 0, ref changed)));
                }
            }

            properties = [.. list];
        }

        var message = changed ? Rerender(template, properties) : formatter?.Invoke(state, exception) ?? state?.ToString() ?? string.Empty;
        return new RedactedLogState(properties, _text.Redact(message), template is null ? null : _text.Redact(template));
    }

    internal object? RedactScope(object? scope)
    {
        if (scope is IEnumerable<KeyValuePair<string, object?>>)
        {
            return RedactState(scope, null, null);
        }

        var changed = false;
        return _values.RedactValue(scope, 0, ref changed);
    }

    internal RedactedExceptionInfo RedactException(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name, _text.Redact(exception.Message), _text.Redact(exception.ToString()));

    private string Rerender(string? template, KeyValuePair<string, object?>[] properties)
    {
        if (template is not null)
        {
            try
            {
                return _templates.Render(template, properties);
            }
            catch (FormatException)
            {
                // Fall through: a template the renderer cannot read is shown as its redacted properties instead.
            }
        }

        // Without a usable template the caller's formatter would print the raw values: list the redacted ones.
        return string.Join(", ", properties.Where(p => p.Key != RedactedLogState.OriginalFormatKey).Select(p => $"{p.Key}={p.Value ?? "(null)"}"));
    }
}
