using Microsoft.Extensions.DependencyInjection;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>Lets a module declare its own sensitive field names, e.g. <c>services.AddSensitiveData(d => d.Register("guestName", SensitiveKind.PersonName))</c>.</summary>
public static class SensitiveDataServiceCollectionExtensions
{
    /// <summary>Adds field names to the <see cref="SensitiveDataRegistry"/> the log redactor uses. Call at startup, any number of times.</summary>
    public static IServiceCollection AddSensitiveData(this IServiceCollection services, Action<SensitiveDataRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.Configure(register);
        return services;
    }
}
