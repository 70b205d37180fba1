namespace Tartware.ServiceDefaults.Security;

/// <summary>
/// Membership roles in order of power (OWNER > ADMIN > MANAGER > STAFF > VIEWER). A permission is
/// named <c>area.verb</c>; the verb decides the least role that holds it, so modules add permissions
/// without touching a central table: read → VIEWER, write → STAFF, approve → MANAGER,
/// manage → ADMIN, own → OWNER.
/// </summary>
public static class TenantRoles
{
    public const string Owner = "OWNER";
    public const string Admin = "ADMIN";
    public const string Manager = "MANAGER";
    public const string Staff = "STAFF";
    public const string Viewer = "VIEWER";

    /// <summary>All roles, weakest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Staff, Manager, Admin, Owner];

    /// <summary>0 (VIEWER) .. 4 (OWNER); -1 for an unknown role.</summary>
    public static int Level(string? role) => role is null ? -1 : IndexOf(role);

    /// <summary>The least role that holds <paramref name="permission"/>.</summary>
    public static string RequiredRole(string permission)
    {
        var verb = permission[(permission.LastIndexOf('.') + 1)..];
        return verb switch
        {
            "read" => Viewer,
            "write" => Staff,
            "approve" => Manager,
            "manage" => Admin,
            "own" => Owner,
            _ => throw new ArgumentException(
                $"Permission '{permission}' must end in .read, .write, .approve, .manage or .own.", nameof(permission)),
        };
    }

    /// <summary>Whether <paramref name="role"/> holds <paramref name="permission"/>.</summary>
    public static bool Grants(string? role, string permission) =>
        Level(role) >= 0 && Level(role) >= Level(RequiredRole(permission));

    /// <summary>Every permission verb the role holds, for the auth context endpoint.</summary>
    public static IReadOnlyList<string> Verbs(string role) =>
        [.. new[] { "read", "write", "approve", "manage", "own" }.Where(v => Grants(role, "x." + v))];

    private static int IndexOf(string role)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], role, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
