using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Tartware.ServiceDefaults.Migrations;

/// <summary>How a module contributes its embedded SQL to <c>tartware migrate</c>.</summary>
public static class MigrationRegistration
{
    /// <summary>
    /// Registers the scripts embedded under <c>Migrations/</c> in <paramref name="assembly"/>
    /// (add <c>&lt;EmbeddedResource Include="Migrations/*.sql" /&gt;</c> to the module's project).
    /// </summary>
    public static IServiceCollection AddModuleMigrations(
        this IServiceCollection services, string module, string schema, int order, Assembly assembly, string folder = "Migrations")
    {
        services.AddSingleton(new ModuleMigrations(module, schema, order, MigrationScript.FromAssembly(module, assembly, folder)));
        return services;
    }

    /// <summary>The platform's own scripts (extensions), applied before any module.</summary>
    internal static IServiceCollection AddPlatformMigrations(this IServiceCollection services) =>
        services.AddModuleMigrations("platform", "platform", order: 0, typeof(MigrationRegistration).Assembly, "Migrations/Platform");
}
