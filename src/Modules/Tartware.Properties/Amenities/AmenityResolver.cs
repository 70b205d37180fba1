using System.Data.Common;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Amenities;

/// <summary>Turns the amenity spellings of a room-type request into active catalog codes, or a 400 naming each rejected one.</summary>
internal sealed class AmenityResolver(AmenityMetrics metrics)
{
    public async Task<IReadOnlyList<string>> ResolveAsync(DbTransaction transaction, Guid propertyId, string[] inputs, CancellationToken cancellationToken)
    {
        var active = await AmenityCatalogStore.ActiveCodesAsync(transaction, propertyId, cancellationToken);
        var report = AmenityNormalizer.Report(inputs, active);
        metrics.Normalized(report);
        if (report.Rejected.Count > 0)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var i = 0; i < inputs.Length; i++)
            {
                if (AmenityNormalizer.Normalize(inputs[i], active) is null)
                {
                    errors[$"amenities[{i}]"] = ["is not an active entry of the property's amenity catalog (see GET .../amenities)"];
                }
            }

            throw new ValidationFailedException(errors);
        }

        return report.Codes;
    }
}
