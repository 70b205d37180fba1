using Npgsql;
using Tartware.Identity.Security;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Identity.Users;

/// <summary>Reads and updates the credential columns of users (a platform table without tenant rows).</summary>
internal sealed class UserCredentialStore(IUnitOfWorkFactory units)
{
    public async Task<UserRecord?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await using var command = unit.Command($"{Select} where username = $1").With(username);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<UserRecord?> FindByIdAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await using var command = unit.Command($"{Select} where id = $1").With(userId);
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>The account's failure history for the throttle policy.</summary>
    public async Task<LoginFailureHistory> HistoryAsync(UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await using var command = unit.Command("""
            select count(*), min(failed_at) from identity.login_failures where user_id = $1 and failed_at > $2
            """).With(user.Id, now - LoginThrottlePolicy.HourlyWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LoginFailureHistory(
            user.FailedAttempts, user.LastFailedAt, (int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Records a failed attempt (streak counter and the hourly window) in one transaction.</summary>
    public async Task RecordFailureAsync(Guid userId, int consecutiveFailures, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.Command("""
            update identity.users set failed_attempts = $2, last_failed_at = $3 where id = $1
            """).With(userId, consecutiveFailures, now).ExecuteNonQueryAsync(cancellationToken);
        await unit.Command("insert into identity.login_failures (user_id, failed_at) values ($1, $2)").With(userId, now)
            .ExecuteNonQueryAsync(cancellationToken);
        await unit.Command("delete from identity.login_failures where user_id = $1 and failed_at < $2")
            .With(userId, now - LoginThrottlePolicy.HourlyWindow).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>Resets the failure counters; stores a new hash when the hashing parameters changed.</summary>
    public async Task RecordSuccessAsync(Guid userId, string? rehashed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.Command("""
            update identity.users
            set failed_attempts = 0, lockout_count = 0, locked_until = null, last_login_at = $2,
                password_hash = coalesce($3, password_hash)
            where id = $1
            """).With(userId, now, rehashed).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>Marks a TOTP time step used; false when it (or a later one) already was (replay).</summary>
    public async Task<bool> ConsumeTotpStepAsync(Guid userId, long step, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        var rows = await unit.Command("""
            update identity.users set mfa_last_step = $2 where id = $1 and (mfa_last_step is null or mfa_last_step < $2)
            """).With(userId, step).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return rows == 1;
    }

    private const string Select = """
        select id, username, email, password_hash, status, failed_attempts, lockout_count, locked_until, last_failed_at,
               mfa_enabled, mfa_secret, mfa_last_step
        from identity.users
        """;

    private static async Task<UserRecord?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new UserRecord(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetInt32(5), reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
            reader.GetBoolean(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10),
            reader.IsDBNull(11) ? null : reader.GetInt64(11));
    }
}
