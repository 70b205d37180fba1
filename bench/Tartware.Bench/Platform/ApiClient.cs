using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tartware.Bench.Load;

namespace Tartware.Bench.Platform;

/// <summary>
/// The platform's public HTTP API as the bench uses it: seeding calls that must succeed, and load
/// calls that turn any answer into an <see cref="Outcome"/> (status plus problem <c>code</c>).
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, "/v1/auth/login", new { username, password }, cancellationToken);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer["accessToken"]!.GetValue<string>());
    }

    /// <summary>A seeding call: anything but 2xx is fatal, with the problem in the message.</summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            if (idempotencyKey is not null)
            {
                // The same key on a retry: the platform answers the stored 202 instead of accepting twice.
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            // Seeding is a client like any other: a 429 waits and tries again.
            if ((int)response.StatusCode == 429 && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode} {Truncate(text)}");
            }

            return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
        }
    }

    /// <summary>A load call: the status, the problem code on failure, and the body when it succeeded.</summary>
    public async Task<(Outcome Outcome, JsonNode? Body)> TryAsync(
        HttpMethod method, string path, object? body, Func<int, string?, bool> expected, CancellationToken cancellationToken, bool readBody = false,
        string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            JsonNode? parsed = null;
            if (readBody)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                parsed = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
            }

            return (Outcome.Ok(status), parsed);
        }

        var code = await ProblemCodeAsync(response, cancellationToken);
        return (expected(status, code) ? Outcome.Expected(status, code) : Outcome.Error(status, code), null);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length > 400 ? text[..400] : text;
}
