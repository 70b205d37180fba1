using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Identity;
using Tartware.Identity.Auth;
using Tartware.Identity.Keys;
using Tartware.Identity.Maintenance;
using Tartware.Identity.Security;
using Tartware.Identity.Tenants;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Health;
using Tartware.ServiceDefaults.Migrations;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Identity;

/// <summary>The Identity module: tenants, users, memberships, tokens (schema <c>identity</c>).</summary>
public static class IdentityModule
{
    /// <summary>The role that runs scheduled maintenance.</summary>
    public const string JobsRole = "jobs";

    /// <summary>Registers the module's services, its migrations and the bearer authentication scheme.</summary>
    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddModuleMigrations("identity", "identity", order: 10, typeof(IdentityModule).Assembly);

        // One key ring for every process of the deployment, stored next to the data it protects.
        services.AddDataProtection().SetApplicationName("tartware");
        services.AddSingleton<PostgresXmlRepository>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<PostgresXmlRepository>((options, repository) => options.XmlRepository = repository);

        services.AddSingleton(new TokenOptions());
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<ISigningKeyRingSource>(sp => sp.GetRequiredService<SigningKeyStore>());
        services.AddHostedService(sp => sp.GetRequiredService<SigningKeyStore>());
        services.AddHealthChecks().AddCheck<SigningKeyHealthCheck>("signing-keys", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<PasswordHashing>();

        services.AddTartwareCaching();
        services.AddSingleton<MembershipReader>();
        services.AddSingleton<IMembershipLookup, MembershipLookup>();
        services.AddSingleton<UserCredentialStore>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<TokenSessions>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<MfaService>();

        // Username Bloom filter (plan 2.1) and its maintenance job (plan item 5, role `jobs`).
        services.AddTartwareBloomFilter(UsernameFilter.Name);
        services.AddSingleton<UsernameFilter>();
        services.AddSingleton<IIdentityMaintenance, IdentityMaintenance>();
        services.AddRole(JobsRole, "Scheduled maintenance: cache and Bloom filter rebuilds, sweeps");
        services.AddOptions<UsernameFilterJobOptions>().BindConfiguration(UsernameFilterJobOptions.Section);
        services.AddHostedServiceForRole<UsernameFilterJob>(JobsRole);
        services.AddSingleton<TenantOnboarding>();
        services.AddSingleton<ITenantProvisioning>(sp => sp.GetRequiredService<TenantOnboarding>());
        services.AddScoped<UserAdministration>();

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>Maps /v1/auth and the JWKS document.</summary>
    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuthApi();
        endpoints.MapUsersApi();
        return endpoints;
    }
}
