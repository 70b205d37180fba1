using System.ComponentModel.DataAnnotations;

namespace Tartware.ServiceDefaults.Data;

/// <summary>PostgreSQL settings (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Connection string of the serving role (<c>tartware_app</c>: no BYPASSRLS, not owner).</summary>
    [Required(ErrorMessage = "is required: the connection string of the tartware_app role")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Connection string of the owner role that runs migrations (only `tartware migrate` needs it).</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Name of the serving role that migrations grant privileges to.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "must be a plain lower-case PostgreSQL role name")]
    public string AppRole { get; set; } = "tartware_app";

    /// <summary>Default command timeout.</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
