using System.CommandLine;

namespace Tartware.Host.Cli;

/// <summary>The command tree of the <c>tartware</c> binary.</summary>
public static class TartwareCli
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Tartware: multi-tenant hotel property management platform.")
        {
            ServeCommand.Create(),
            MigrateCommand.Create(),
            DevBrokerCommand.Create(),
            TenantCommand.Create(),
            CacheCommand.Create(),
            GuardCommand.Create(),
            OutboxCommand.Create(),
            DlqCommand.Create(),
            PropertiesCommand.Create(),
            RatesCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses and runs; tests pass their own writers.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            // The web host handles SIGINT/SIGTERM itself (graceful drain); don't race it.
            ProcessTerminationTimeout = null,
        };
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return Create().Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Parses repeated <c>--set key=value</c> flags into configuration overrides.</summary>
    internal static Dictionary<string, string?> ParseOverrides(IEnumerable<string>? values)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values ?? [])
        {
            var at = value.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ArgumentException($"--set expects key=value (e.g. Http:MaxRequestBodyBytes=2097152), got '{value}'.");
            }

            overrides[value[..at].Replace("__", ":", StringComparison.Ordinal)] = value[(at + 1)..];
        }

        return overrides;
    }

    /// <summary>Common `--set` option.</summary>
    internal static Option<string[]> SetOption() => new("--set")
    {
        Description = "Override a configuration key: --set Section:Key=value (repeatable; beats appsettings and environment)",
        AllowMultipleArgumentsPerToken = false,
    };
}
