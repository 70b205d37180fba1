using Microsoft.AspNetCore.DataProtection;
using Tartware.Identity.Security;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Identity.Auth;

/// <summary>
/// TOTP second factor for tenant users (RFC 6238, ASVS 2.8): enroll stores a pending secret, verify
/// with a first code turns it on, disable needs a current code. Secrets are kept encrypted with Data
/// Protection; every accepted code's time step is stored, so a code works once (RFC 6238 §5.2).
/// Wrong codes count as failed logins, so a stolen access token cannot brute-force the six digits.
/// </summary>
internal sealed class MfaService(
    IUnitOfWorkFactory units, UserCredentialStore users, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Issuer = "Tartware";
    private readonly IDataProtector _protector = protection.CreateProtector(LoginService.MfaProtectorPurpose);

    public async Task<MfaEnrollment> EnrollAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken) ?? throw new ServiceDefaults.Security.UnauthenticatedException();
        if (user.MfaEnabled)
        {
            throw new ConflictException("MFA is already on for this account; disable it first to enroll a new device.", "mfa-already-enabled");
        }

        var secret = TotpSecret.Generate();
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.Command("update identity.users set mfa_pending_secret = $2, updated_at = now() where id = $1")
            .With(userId, _protector.Protect(secret)).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new MfaEnrollment(Base32.Encode(secret), OtpAuthUri.Build(Issuer, user.Username, secret), Totp.DefaultDigits, 30);
    }

    public async Task<MfaStatus> VerifyAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        var user = await ThrottledUserAsync(userId, code, cancellationToken);
        var pending = user.MfaEnabled ? null : await PendingSecretAsync(userId, cancellationToken);
        if (pending is null)
        {
            throw new ConflictException(user.MfaEnabled ? "MFA is already on for this account." : "Start with POST /v1/auth/mfa/enroll.",
                user.MfaEnabled ? "mfa-already-enabled" : "mfa-not-enrolling");
        }

        var step = Totp.Verify(_protector.Unprotect(pending), code!.Trim(), time.GetUtcNow(), user.MfaLastStep);
        if (step is null)
        {
            throw await WrongCodeAsync(user, cancellationToken);
        }

        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        // Only the secret that was verified is switched on: a re-enroll racing this request loses nothing silently.
        var rows = await unit.Command("""
            update identity.users
            set mfa_enabled = true, mfa_secret = mfa_pending_secret, mfa_pending_secret = null, mfa_last_step = $2, updated_at = now()
            where id = $1 and mfa_pending_secret = $3 and not mfa_enabled
            """).With(userId, step.Value, pending).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        if (rows == 0)
        {
            throw new ConflictException("The enrollment changed while verifying; enroll again.", "mfa-not-enrolling");
        }

        return new MfaStatus(true);
    }

    public async Task<MfaStatus> DisableAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        var user = await ThrottledUserAsync(userId, code, cancellationToken);
        if (!user.MfaEnabled)
        {
            throw new ConflictException("MFA is not on for this account.", "mfa-not-enabled");
        }

        var step = Totp.Verify(_protector.Unprotect(user.MfaSecret!), code!.Trim(), time.GetUtcNow(), user.MfaLastStep);
        if (step is null || !await users.ConsumeTotpStepAsync(userId, step.Value, cancellationToken))
        {
            throw await WrongCodeAsync(user, cancellationToken);
        }

        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.Command("""
            update identity.users
            set mfa_enabled = false, mfa_secret = null, mfa_pending_secret = null, mfa_last_step = null, updated_at = now()
            where id = $1
            """).With(userId).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new MfaStatus(false);
    }

    private async Task<byte[]?> PendingSecretAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        return await unit.Command("select mfa_pending_secret from identity.users where id = $1").With(userId)
            .ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private async Task<UserRecord> ThrottledUserAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw ValidationFailedException.For("code", "is required");
        }

        var user = await users.FindByIdAsync(userId, cancellationToken) ?? throw new ServiceDefaults.Security.UnauthenticatedException();
        var decision = LoginThrottlePolicy.Evaluate(await users.HistoryAsync(user, time.GetUtcNow(), cancellationToken), time.GetUtcNow());
        if (!decision.IsAllowed)
        {
            throw new TooManyAttemptsException(decision.RetryAfterSeconds);
        }

        return user;
    }

    private async Task<BusinessRuleException> WrongCodeAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var history = await users.HistoryAsync(user, now, cancellationToken);
        await users.RecordFailureAsync(user.Id, LoginThrottlePolicy.NextConsecutiveFailures(history, now), now, cancellationToken);
        return new BusinessRuleException("The code is wrong, expired or already used.", "invalid-totp-code");
    }
}

/// <summary>429 for too many wrong codes in a row (the account's login throttle).</summary>
internal sealed class TooManyAttemptsException : TartwareProblemException
{
    public TooManyAttemptsException(int retryAfterSeconds)
        : base(429, ProblemTypes.RateLimited, "Too many attempts", "Too many wrong codes; wait before trying again.")
    {
        RetryAfterSeconds = retryAfterSeconds;
        Extensions["retryAfterSeconds"] = retryAfterSeconds;
    }

    public int RetryAfterSeconds { get; }
}

/// <summary>POST /v1/auth/mfa/enroll answer: what an authenticator app needs (shown once).</summary>
internal sealed record MfaEnrollment(string Secret, string OtpauthUri, int Digits, int PeriodSeconds);

/// <summary>POST /v1/auth/mfa/verify and /disable body.</summary>
internal sealed record MfaCodeRequest(string? Code);

/// <summary>MFA state after a change.</summary>
internal sealed record MfaStatus(bool MfaEnabled);
