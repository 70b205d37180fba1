using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tartware.ServiceDefaults.Configuration;

/// <summary>
/// Binds an options class to a configuration section and validates it at startup with data annotations,
/// reporting every failure with the full configuration key and its environment-variable spelling, so an
/// operator knows exactly what to fix (`Database:ConnectionString`, `TARTWARE__Database__ConnectionString`).
/// </summary>
public static class OptionsValidation
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it on start.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new DataAnnotationsKeyValidator<T>(section));
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .ValidateOnStart();
    }

    /// <summary>Formats a configuration key with its environment-variable form.</summary>
    public static string DescribeKey(string key) =>
        $"'{key}' (environment variable TARTWARE__{key.Replace(":", "__", StringComparison.Ordinal)})";

    private sealed class DataAnnotationsKeyValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            var failures = results.Select(r =>
            {
                var member = r.MemberNames.FirstOrDefault() ?? "?";
                return $"Configuration key {DescribeKey($"{section}:{member}")}: {r.ErrorMessage}";
            });
            return ValidateOptionsResult.Fail(failures);
        }
    }
}
