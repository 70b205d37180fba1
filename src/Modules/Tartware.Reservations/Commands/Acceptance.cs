using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Reservations.Commands;

/// <summary>
/// The idempotent shell of every command's acceptance (reservations and rooms): one tenant transaction
/// that claims the <c>Idempotency-Key</c> first, writes the command, stores the 202 answer under the key
/// and commits. The same key and body replay the stored answer; another body is a 409.
/// </summary>
internal static class Acceptance
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(T Answer, bool Replayed)> RunAsync<T>(IUnitOfWorkFactory units, Guid tenantId, string key, string hash,
        Func<DbTransaction, Task<(T Answer, Guid CommandId)>> accept, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(tenantId, ct);
        if (await IdempotencyStore.ClaimAsync(unit.Transaction, tenantId, key, hash, ct) is { } stored)
        {
            if (stored.RequestHash != hash)
            {
                throw new ConflictException("This Idempotency-Key was used for a different request.", "idempotency-key-reused");
            }

            return (JsonSerializer.Deserialize<T>(stored.Response, Json)!, true);
        }

        var (answer, commandId) = await accept(unit.Transaction);
        await IdempotencyStore.CompleteAsync(unit.Transaction, tenantId, key, 202, JsonSerializer.Serialize(answer, Json), commandId, ct);
        await unit.CommitAsync(ct);
        return (answer, false);
    }

    /// <summary>The raw Idempotency-Key header of the request, null when absent (<see cref="Key"/> validates it).</summary>
    public static string? HeaderKey(HttpContext http) =>
        http.Request.Headers.TryGetValue("Idempotency-Key", out var value) ? value.ToString() : null;

    /// <summary>The Idempotency-Key header, required, 1 to 200 characters.</summary>
    public static string Key(Fields fields, string? key)
    {
        var text = key?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            fields.Add("Idempotency-Key", "the header is required, 1 to 200 characters");
        }

        return text ?? string.Empty;
    }

    /// <summary>What a key's request was: the route and the body, so a reuse with another body is told from a replay.</summary>
    public static string Hash(string route, object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(route + "\n" + JsonSerializer.Serialize(request, request.GetType(), Json))));
}
