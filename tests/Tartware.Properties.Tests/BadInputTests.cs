using System.Net;
using System.Text;
using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Xunit;

namespace Tartware.Properties.Tests;

/// <summary>Whatever a client sends, the answer is a 400 problem, never a 500.</summary>
[Collection(PropertiesHostCollection.Name)]
public sealed class BadInputTests(PropertiesHost host)
{
    [Theory]
    [InlineData("POST", "rooms", "{\"number\": \"1\", \"roomTypeId\": \"not-a-guid\"}")]
    [InlineData("POST", "rooms", "{\"number\": \"1\", \"roomTypeId\": \"{rt}\", \"floor\": \"third\"}")]
    [InlineData("POST", "rooms", "{\"number\": \"1\", \"roomTypeId\": \"{rt}\", \"features\": [null, \"x y\"]}")]
    [InlineData("POST", "rooms/bulk", "{\"rooms\": [null]}")]
    [InlineData("POST", "rooms/bulk", "{\"rooms\": \"101-120\"}")]
    [InlineData("PUT", "rooms/{room}/status", "{\"status\": 3}")]
    [InlineData("PUT", "rooms/{room}/status", "{\"status\": \"out_of_order\"}")]
    [InlineData("POST", "room-types", "{\"code\": \"A\", \"name\": \"A\", \"bedType\": \"KING\", \"baseRate\": \"cheap\"}")]
    [InlineData("POST", "room-types", "{\"code\": \"A\", \"name\": \"A\", \"bedType\": \"KING\", \"baseRate\": 1e400}")]
    [InlineData("POST", "room-types", "{\"code\": \"A\", \"name\": \"A\", \"bedType\": \"KING\", \"baseRate\": 10, \"amenities\": \"WIFI\"}")]
    [InlineData("POST", "room-types", "{\"code\": \"A\", \"name\": \"A\", \"bedType\": \"KING\", \"baseRate\": 10, \"amenities\": [null]}")]
    [InlineData("POST", "room-types", "{\"code\": \"A\", \"name\": \"A\", \"bedType\": \"KING\", \"baseRate\": 10, \"maxAdults\": 99999999999}")]
    [InlineData("POST", "amenities/clone", "{\"roomTypeIds\": [\"{rt}\"], \"codes\": [null]}")]
    [InlineData("POST", "amenities/normalize", "{\"codes\": [null]}")]
    [InlineData("PUT", "amenities/SPA", "{\"name\": \"Spa\", \"category\": \"OTHER\", \"tags\": [null]}")]
    [InlineData("PUT", "amenities/SPA", "{\"name\": \"Spa\", \"category\": \"OTHER\", \"tags\": \"spa\"}")]
    [InlineData("POST", "amenities/reconcile", "{\"mode\": [\"REMOVE\"]}")]
    [InlineData("GUEST", "", "{\"firstName\": \"A\", \"lastName\": \"B\", \"preferences\": {\"pillow\": 1}}")]
    [InlineData("GUEST", "", "{\"firstName\": \"A\", \"lastName\": \"B\", \"preferences\": {\"pillow\": null}}")]
    [InlineData("GUEST", "", "{\"firstName\": \"A\", \"lastName\": \"B\", \"dateOfBirth\": \"yesterday\"}")]
    [InlineData("GUEST", "", "{\"firstName\": \"A\", \"lastName\": \"B\", \"marketingConsent\": \"yes\"}")]
    [InlineData("GUEST", "", "{\"firstName\": \"A\", \"lastName\": \"B\", \"address\": \"Main street\"}")]
    public async Task Bad_values_are_400_problems(string method, string path, string json)
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, roomId) = await host.CreateHotelAsync(session);
        var url = method == "GUEST" ? "/v1/guests" : $"/v1/properties/{propertyId}/{path.Replace("{room}", roomId.ToString(), StringComparison.Ordinal)}";
        using var request = new HttpRequestMessage(method == "GUEST" ? HttpMethod.Post : new HttpMethod(method), url)
        {
            Content = new StringContent(json.Replace("{rt}", roomTypeId.ToString(), StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", session.AccessToken);
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/v1/properties?limit=lots")]
    [InlineData("/v1/properties?limit=100000")]
    [InlineData("/v1/guests?limit=-1")]
    [InlineData("/v1/guests?name=")]
    public async Task Bad_query_values_are_400_or_ignored_never_500(string path)
    {
        var session = await host.NewTenantSessionAsync();
        using var response = await host.SendAsync(HttpMethod.Get, path, session.AccessToken);
        ((int)response.StatusCode).ShouldBeOneOf(200, 400);
    }

    [Fact]
    public async Task A_huge_guest_search_term_is_refused()
    {
        var session = await host.NewTenantSessionAsync();
        await host.SendExpectingAsync(400, HttpMethod.Get, "/v1/guests?name=" + new string('a', 5000), session.AccessToken);
    }

    [Theory]
    [InlineData("{\"code\": \"ABC\", ")]
    [InlineData("{\"code\": 42, \"name\": [1]}")]
    [InlineData("{\"code\": \"ABC\", \"checkInTime\": {\"h\": 1}}")]
    [InlineData("[]")]
    public async Task Malformed_bodies_are_400_problems(string json)
    {
        var session = await host.NewTenantSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/properties") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", session.AccessToken);
        using var response = await host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_huge_name_is_a_validation_problem_not_a_server_error()
    {
        var session = await host.NewTenantSessionAsync();
        var body = new { code = Api.NewCode(), name = new string('x', 100_000), timeZone = "UTC", currency = "EUR" };
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/properties", session.AccessToken, body);
        Api.ErrorFields(problem).ShouldBe(["name"]);
    }
}
