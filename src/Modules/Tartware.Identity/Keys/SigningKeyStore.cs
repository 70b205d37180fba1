using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tartware.Identity.Security;

namespace Tartware.Identity.Keys;

/// <summary>
/// The token signing key ring, kept in PostgreSQL (private halves protected by Data Protection) and
/// served from memory. Rotation: a new key is published <see cref="Propagation"/> before it signs, so
/// every process can validate its tokens first; the old key stays published until its last token
/// expired. Several processes may run this; a duplicate key created in a race is harmless.
/// </summary>
internal sealed partial class SigningKeyStore(
    NpgsqlDataSource dataSource, IDataProtectionProvider protection, TokenOptions tokens, TimeProvider time,
    ILogger<SigningKeyStore> logger) : BackgroundService, ISigningKeyRingSource
{
    private static readonly TimeSpan RotationAge = TimeSpan.FromDays(30);
    private static readonly TimeSpan Propagation = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private readonly IDataProtector _protector = SigningKeyMaterial.CreateProtector(protection);
    private volatile SigningKeyRing _ring = new([]);

    public SigningKeyRing GetRing() => _ring;

    /// <summary>True once a signing key is loaded (readiness).</summary>
    public bool HasCurrentKey => _ring.Current(time.GetUtcNow()) is not null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before serving when the database is there; when it is not, start anyway (liveness and
        // readiness must answer) and keep retrying: readiness reports the missing keys meanwhile.
        await TryRefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(HasCurrentKey ? RefreshInterval : TimeSpan.FromSeconds(5), time, stoppingToken);
            await TryRefreshAsync(stoppingToken);
        }
    }

    private async Task TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // Keep serving with the ring in memory; the next round retries.
            LogRefreshFailed(logger, ex.GetType().Name);
        }
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ring = new SigningKeyRing(await LoadAsync(cancellationToken));
        var current = ring.Current(now);
        var pending = ring.Records.Any(r => r.ActivatesAt > now);
        if (current is null || (current.CreatedAt + RotationAge < now && !pending))
        {
            var activatesAt = current is null ? now : now + Propagation;
            await CreateAsync(activatesAt, current, cancellationToken);
            ring = new SigningKeyRing(await LoadAsync(cancellationToken));
        }

        _ring = ring;
    }

    private async Task CreateAsync(DateTimeOffset activatesAt, SigningKeyRecord? previous, CancellationToken cancellationToken)
    {
        var material = SigningKeyMaterial.Create(time);
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand(
            "insert into identity.signing_keys (kid, private_key_protected, created_at, activates_at) values ($1, $2, $3, $4)");
        insert.Parameters.Add(new NpgsqlParameter { Value = material.Kid });
        insert.Parameters.Add(new NpgsqlParameter { Value = material.ExportProtected(_protector) });
        insert.Parameters.Add(new NpgsqlParameter { Value = material.CreatedAt });
        insert.Parameters.Add(new NpgsqlParameter { Value = activatesAt });
        batch.BatchCommands.Add(insert);
        if (previous is not null)
        {
            // Retire the old key once every token it signed has expired.
            var retire = new NpgsqlBatchCommand("update identity.signing_keys set retires_at = $2 where kid = $1 and retires_at is null");
            retire.Parameters.Add(new NpgsqlParameter { Value = previous.Kid });
            retire.Parameters.Add(new NpgsqlParameter { Value = activatesAt + tokens.AccessTokenLifetime + tokens.ClockSkew });
            batch.BatchCommands.Add(retire);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        LogCreated(logger, material.Kid, activatesAt);
    }

    private async Task<List<SigningKeyRecord>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select kid, private_key_protected, created_at, activates_at, retires_at from identity.signing_keys");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<SigningKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var kid = reader.GetString(0);
            var createdAt = reader.GetFieldValue<DateTimeOffset>(2);
            var material = SigningKeyMaterial.ImportProtected(_protector, reader.GetFieldValue<byte[]>(1), kid, createdAt);
            records.Add(new SigningKeyRecord(kid, createdAt, reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), material));
        }

        return records;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Created token signing key {Kid}, signing from {ActivatesAt:o}")]
    private static partial void LogCreated(ILogger logger, string kid, DateTimeOffset activatesAt);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Refreshing the signing key ring failed ({Error}); keeping the ring in memory")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}
