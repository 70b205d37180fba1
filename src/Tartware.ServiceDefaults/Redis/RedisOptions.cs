using System.ComponentModel.DataAnnotations;

namespace Tartware.ServiceDefaults.Redis;

/// <summary>Redis settings (section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=...</c>.</summary>
    [Required(ErrorMessage = "is required, e.g. 127.0.0.1:6379")]
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key this deployment writes, so several deployments can share a server.</summary>
    [Required, RegularExpression("^[a-z0-9:_-]{1,40}$", ErrorMessage = "must be 1-40 characters of a-z 0-9 : _ -")]
    public string KeyPrefix { get; set; } = "tartware:";
}
