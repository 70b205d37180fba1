using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Tartware.ServiceDefaults.Roles;

/// <summary>A role a process can take: it switches on hosted services and endpoint groups.</summary>
public sealed record TartwareRole(string Name, string Description);

/// <summary>
/// The roles this process runs, read from <c>Roles</c> (<c>--roles</c>, <c>TARTWARE__Roles</c>):
/// <c>all</c> (default) or a comma list. Modules declare roles with <see cref="RoleRegistration.AddRole"/>;
/// an unknown name fails startup with the list of known ones.
/// </summary>
public sealed class RoleSelection
{
    private readonly HashSet<string> _selected;

    internal RoleSelection(string? value)
    {
        Raw = string.IsNullOrWhiteSpace(value) ? "all" : value.Trim();
        _selected = [.. Raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())];
    }

    /// <summary>The configured value.</summary>
    public string Raw { get; }

    /// <summary>True when every role runs.</summary>
    public bool All => _selected.Contains("all");

    /// <summary>Whether <paramref name="role"/> runs in this process.</summary>
    public bool IsEnabled(string role) => All || _selected.Contains(role);

    internal IEnumerable<string> Named => _selected.Where(r => r != "all");
}

/// <summary>Registration helpers for roles.</summary>
public static class RoleRegistration
{
    /// <summary>The role of the public HTTP API (module endpoint groups).</summary>
    public const string Api = "api";

    /// <summary>Declares a role (idempotent) so <c>--roles</c> accepts it and <c>--help</c> lists it.</summary>
    public static IServiceCollection AddRole(this IServiceCollection services, string name, string description)
    {
        if (!services.Any(d => d.ServiceType == typeof(TartwareRole) && d.ImplementationInstance is TartwareRole r && r.Name == name))
        {
            services.AddSingleton(new TartwareRole(name, description));
        }

        return services;
    }

    /// <summary>Reads the role selection from configuration and declares the built-in <c>api</c> role.</summary>
    public static IServiceCollection AddRoleSelection(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new RoleSelection(configuration["Roles"]));
        return services.AddRole(Api, "Public HTTP API: every module's /v1 endpoints");
    }

    /// <summary>The selection as registered (available while services are still being added).</summary>
    public static RoleSelection GetRoleSelection(this IServiceCollection services) =>
        services.Select(d => d.ImplementationInstance).OfType<RoleSelection>().FirstOrDefault()
        ?? throw new InvalidOperationException("AddRoleSelection must run before modules register role services.");

    /// <summary>Adds a hosted service only when its role runs in this process.</summary>
    public static IServiceCollection AddHostedServiceForRole<T>(this IServiceCollection services, string role)
        where T : class, IHostedService
    {
        if (services.GetRoleSelection().IsEnabled(role))
        {
            services.AddHostedService<T>();
        }

        return services;
    }

    /// <summary>Throws when the selection names a role nobody declared.</summary>
    public static void ValidateRoles(IServiceProvider services)
    {
        var selection = services.GetRequiredService<RoleSelection>();
        var known = services.GetServices<TartwareRole>().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = selection.Named.Where(r => !known.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Configuration key 'Roles' (--roles): unknown role(s) {string.Join(", ", unknown)}. " +
                $"Known roles: all, {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }
    }
}
