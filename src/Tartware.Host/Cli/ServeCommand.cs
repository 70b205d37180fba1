using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Tartware.Host.Cli;

/// <summary><c>tartware serve</c>: run the platform with the selected roles.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var roles = new Option<string>("--roles")
        {
            Description = "Roles this process runs: all (default) or a comma list, e.g. api,dispatcher. Unknown roles fail startup.",
            DefaultValueFactory = _ => "all",
        };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses, e.g. http://127.0.0.1:8080" };
        var set = TartwareCli.SetOption();
        var command = new Command("serve", "Run the platform (HTTP API, background roles, health and metrics endpoints).") { roles, urls, set };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var settings = new HostSettings([], parse.GetValue(roles), parse.GetValue(urls), TartwareCli.ParseOverrides(parse.GetValue(set)));
                await using var app = TartwareApp.Build(TartwareApp.CreateBuilder(settings));
                await app.RunAsync();
                return 0;
            }
            catch (OptionsValidationException ex)
            {
                await error.WriteLineAsync("Configuration error:\n  " + string.Join("\n  ", ex.Failures));
                return 2;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                await error.WriteLineAsync("Startup failed: " + ex.Message);
                return 2;
            }
        });
        return command;
    }
}
