using Shouldly;
using Tartware.Host.Cli;
using Xunit;

namespace Tartware.Reservations.Tests.Infrastructure;

/// <summary>Runs a <c>tartware</c> verb in-process against the test platform's configuration.</summary>
public static class Cli
{
    public static Task<string> RunAsync(params string[] args) => RunAsync(0, args);

    public static async Task<string> RunAsync(int expectedExit, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TartwareCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        exit.ShouldBe(expectedExit, $"{string.Join(' ', args)}: {output}{error}");
        return output + error.ToString();
    }
}
