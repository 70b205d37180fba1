using System.ComponentModel.DataAnnotations;

namespace Tartware.ServiceDefaults.Configuration;

/// <summary>HTTP limits (section <c>Http</c>).</summary>
public sealed class HttpLimitsOptions
{
    /// <summary>Largest accepted request body; larger bodies get a 413 problem.</summary>
    [Range(1_024, 104_857_600, ErrorMessage = "must be between 1 KiB and 100 MiB")]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}
