using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

public sealed class LoggingRedactionGuardTests
{
    [Fact]
    public async Task A_provider_added_after_AddTartwareLogging_stops_the_host_from_starting()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddTartwareLogging(configuration, o => o.Output = TextWriter.Null).AddProvider(new RawProvider()))
            .BuildServiceProvider();
        var guard = services.GetServices<IHostedService>().Single();

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => guard.StartAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldContain(nameof(RawProvider));
    }

    [Fact]
    public async Task The_redacting_providers_alone_pass_the_guard()
    {
        using var capture = new LogCapture();

        await capture.Services.GetServices<IHostedService>().Single().StartAsync(TestContext.Current.CancellationToken);
    }

    private sealed class RawProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
