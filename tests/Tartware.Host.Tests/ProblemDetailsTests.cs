using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tartware.Host.Tests.Infrastructure;

namespace Tartware.Host.Tests;

public sealed class ProblemDetailsTests(HostFixture host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task Valid_body_binds_and_echoes()
    {
        var response = await _client.PostAsJsonAsync("/_test/echo", new { name = "Ada", count = 2 }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"count\":2");
    }

    [Fact]
    public async Task Validator_rejects_every_invalid_field_with_a_400_listing_them()
    {
        var response = await _client.PostAsJsonAsync("/_test/validated", new { name = "", count = 99 }, TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("name").GetArrayLength().ShouldBeGreaterThan(0);
        errors.GetProperty("count").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Validator_passes_a_valid_body_through()
    {
        var response = await _client.PostAsJsonAsync("/_test/validated", new { name = "ok", count = 3 }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_the_position()
    {
        using var content = new StringContent("{\"name\": \"x\", \"count\": }", Encoding.UTF8, "application/json");
        var response = await _client.PostAsync("/_test/echo", content, TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        problem.GetProperty("detail").GetString()!.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task Wrong_json_type_is_a_400_problem_naming_the_field()
    {
        using var content = new StringContent("{\"name\": \"x\", \"count\": \"many\"}", Encoding.UTF8, "application/json");
        var response = await _client.PostAsync("/_test/echo", content, TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        problem.GetProperty("detail").GetString()!.ShouldContain("$.count");
    }

    [Fact]
    public async Task Wrong_content_type_is_a_415_problem()
    {
        using var content = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _client.PostAsync("/_test/echo", content, TestContext.Current.CancellationToken);
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Oversized_body_is_a_413_problem()
    {
        var name = new string('x', 10_000); // the fixture limits bodies to 4 KiB
        var response = await _client.PostAsJsonAsync("/_test/echo", new { name, count = 1 }, TestContext.Current.CancellationToken);
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await _client.GetAsync("/v1/no-such-thing", TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        problem.GetProperty("instance").GetString().ShouldBe("/v1/no-such-thing");
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await _client.DeleteAsync("/_test/echo", TestContext.Current.CancellationToken);
        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task Unbindable_query_value_is_a_400_problem()
    {
        var response = await _client.GetAsync("/_test/items?limit=lots", TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        problem.GetProperty("detail").GetString()!.ShouldContain("limit");
    }

    [Theory]
    [InlineData("not-found", HttpStatusCode.NotFound, "not-found")]
    [InlineData("conflict", HttpStatusCode.Conflict, "conflict")]
    [InlineData("rule", HttpStatusCode.UnprocessableEntity, "business-rule-violated")]
    [InlineData("forbidden", HttpStatusCode.Forbidden, "forbidden")]
    public async Task Expected_failures_map_to_their_status_and_code(string kind, HttpStatusCode status, string code)
    {
        var response = await _client.GetAsync($"/_test/throw/{kind}", TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(status, code);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Validation_failure_lists_the_fields()
    {
        var response = await _client.GetAsync("/_test/throw/validation", TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").GetProperty("arrival")[0].GetString().ShouldBe("must be before departure");
    }

    [Fact]
    public async Task Unknown_exception_is_a_500_without_internals()
    {
        var response = await _client.GetAsync("/_test/throw/boom", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
        body.ShouldNotContain("hunter2");
        body.ShouldNotContain("InvalidOperationException");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Problem_carries_the_callers_correlation_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_test/throw/not-found");
        request.Headers.Add("X-Correlation-Id", "corr-12345");
        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        problem.GetProperty("correlationId").GetString().ShouldBe("corr-12345");
        response.Headers.GetValues("X-Correlation-Id").ShouldContain("corr-12345");
    }
}
