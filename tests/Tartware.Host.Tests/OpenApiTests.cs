using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tartware.Host.Tests.Infrastructure;

namespace Tartware.Host.Tests;

public sealed class OpenApiTests(HostFixture host)
{
    private static readonly string CommittedPath = Path.Combine(RepoPaths.Root, "docs", "openapi", "v1.json");

    [Fact]
    public async Task Committed_document_matches_the_code()
    {
        var served = Normalize(await host.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        if (Environment.GetEnvironmentVariable("TARTWARE_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served + "\n", TestContext.Current.CancellationToken);
        }

        File.Exists(CommittedPath).ShouldBeTrue($"{CommittedPath} is missing; run scripts/update-openapi.sh");
        var committed = Normalize(await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken));
        served.ShouldBe(committed, "docs/openapi/v1.json drifted from the code; run scripts/update-openapi.sh and commit the result");
    }

    [Fact]
    public async Task Document_is_openapi_3_0_without_test_endpoints()
    {
        var json = JsonNode.Parse(await host.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        json["openapi"]!.GetValue<string>().ShouldStartWith("3.0");
        json["info"]!["title"]!.GetValue<string>().ShouldBe("Tartware PMS API");
        json.ToJsonString().ShouldNotContain("/_test/");
    }

    [Fact]
    public async Task Swagger_ui_renders_at_docs()
    {
        var response = await host.Client.GetAsync("/docs/index.html", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("swagger-ui");
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("\r\n", "\n", StringComparison.Ordinal);
}
