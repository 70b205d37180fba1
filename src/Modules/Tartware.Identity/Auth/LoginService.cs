using Microsoft.AspNetCore.DataProtection;
using Tartware.Identity.Security;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Identity.Auth;

/// <summary>
/// Password (+ TOTP) login. Every credential failure — unknown user, wrong password, locked or
/// throttled account, disabled user — gets the same 401 after the same hashing work, so the answer
/// says nothing about which usernames exist (ASVS 2.2.1, 3.x; OWASP Authentication Cheat Sheet).
/// </summary>
internal sealed class LoginService(
    UserCredentialStore users, UsernameFilter usernames, MembershipReader memberships, PasswordHashing hashing, TokenSessions sessions,
    IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>Data Protection purpose of stored TOTP secrets.</summary>
    public const string MfaProtectorPurpose = "Tartware.Identity.Mfa.v1";

    private readonly IDataProtector _mfaProtector = protection.CreateProtector(MfaProtectorPurpose);

    public async Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [string.IsNullOrWhiteSpace(request.Username) ? "username" : "password"] = ["is required"],
            });
        }

        var now = time.GetUtcNow();
        var username = request.Username.Trim().ToLowerInvariant();
        // Layer 1: a name the filter has certainly never seen needs no query (same hashing work, same answer).
        var user = await usernames.LookupAsync(username, cancellationToken) == BloomLookup.Absent
            ? null
            : await users.FindByUsernameAsync(username, cancellationToken);
        if (user is null || user.Status != "ACTIVE")
        {
            hashing.VerifyDummy(request.Password);
            throw InvalidCredentials();
        }

        var history = await users.HistoryAsync(user, now, cancellationToken);
        if (!LoginThrottlePolicy.Evaluate(history, now).IsAllowed)
        {
            // Throttled: do not even check the password (no oracle), but cost the same time.
            hashing.VerifyDummy(request.Password);
            throw InvalidCredentials();
        }

        var verification = hashing.Verify(user.PasswordHash, request.Password);
        if (verification == PasswordVerification.Failed)
        {
            await users.RecordFailureAsync(user.Id, LoginThrottlePolicy.NextConsecutiveFailures(history, now), now, cancellationToken);
            throw InvalidCredentials();
        }

        if (user.MfaEnabled)
        {
            await VerifyTotpAsync(user, history, request.TotpCode, now, cancellationToken);
        }

        var rehashed = verification == PasswordVerification.SuccessRehashNeeded ? hashing.Hash(request.Password) : null;
        await users.RecordSuccessAsync(user.Id, rehashed, now, cancellationToken);

        var usable = (await memberships.ForUserAsync(user.Id, cancellationToken)).Where(m => m.IsUsable(now)).ToList();
        var choices = usable.Select(m => new TenantChoice(m.TenantId, m.TenantName, m.Role)).ToList();
        var chosen = Choose(usable, request.TenantId, choices);
        return await sessions.StartAsync(user.Id, chosen.TenantId, chosen.Role, familyId: null, choices, cancellationToken);
    }

    private async Task VerifyTotpAsync(UserRecord user, LoginFailureHistory history, string? code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new UnauthenticatedException("This account requires a one-time code: send totpCode.", "mfa-required");
        }

        var secret = _mfaProtector.Unprotect(user.MfaSecret!);
        var step = Totp.Verify(secret, code.Trim(), now, user.MfaLastStep);
        if (step is null || !await users.ConsumeTotpStepAsync(user.Id, step.Value, cancellationToken))
        {
            await users.RecordFailureAsync(user.Id, LoginThrottlePolicy.NextConsecutiveFailures(history, now), now, cancellationToken);
            throw InvalidCredentials();
        }
    }

    private static MembershipRecord Choose(List<MembershipRecord> usable, Guid? requested, List<TenantChoice> choices)
    {
        if (requested is { } tenantId)
        {
            return usable.FirstOrDefault(m => m.TenantId == tenantId)
                ?? throw new ForbiddenException("You have no active membership in that tenant.");
        }

        return usable.Count switch
        {
            0 => throw new ForbiddenException("You have no active membership in any tenant."),
            1 => usable[0],
            _ => throw new ConflictException("You belong to several tenants: repeat the login with tenantId.", "tenant-selection-required")
            {
                Extensions = { ["tenants"] = choices },
            },
        };
    }

    internal static UnauthenticatedException InvalidCredentials() => new("Invalid username or password.", "invalid-credentials");
}
