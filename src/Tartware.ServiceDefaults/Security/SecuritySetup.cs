using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Tartware.ServiceDefaults.Security;

/// <summary>Authorization by permission and the per-request caller context.</summary>
public static class SecuritySetup
{
    /// <summary>Adds authentication/authorization services; the Identity module adds the bearer scheme.</summary>
    public static IServiceCollection AddTartwareSecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<RequestContext>();
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        return services;
    }
}
