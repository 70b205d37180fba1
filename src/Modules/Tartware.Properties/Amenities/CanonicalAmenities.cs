using System.Collections.Frozen;

namespace Tartware.Properties.Amenities;

/// <summary>An entry of the canonical catalog every property starts from.</summary>
internal sealed record CanonicalAmenity(string Code, string Name, string Category, string Icon, string[] Tags, bool IsDefault = false, bool IsRequired = false);

/// <summary>
/// The canonical amenity catalog (plan 0.8). <c>IsDefault</c> entries are what a bulk clone without
/// codes copies into room types; <c>IsRequired</c> ones (safety) cannot be switched off by a tenant.
/// Changing an entry here reaches every property on the next seed, unless the tenant overrode it.
/// </summary>
internal static class CanonicalAmenities
{
    public static readonly string[] Categories =
        ["CONNECTIVITY", "ENTERTAINMENT", "COMFORT", "BATHROOM", "FOOD_AND_DRINK", "WORKSPACE", "VIEW", "SAFETY", "ACCESSIBILITY", "FAMILY", "OTHER"];

    public static readonly IReadOnlyList<CanonicalAmenity> All =
    [
        new("WIFI", "Free Wi-Fi", "CONNECTIVITY", "wifi", ["internet", "wireless"], IsDefault: true),
        new("SMART_TV", "Smart TV", "ENTERTAINMENT", "tv", ["streaming", "television"], IsDefault: true),
        new("CLIMATE_CONTROL", "Climate control", "COMFORT", "thermometer", ["air-conditioning", "heating"], IsDefault: true),
        new("WORK_DESK", "Work desk", "WORKSPACE", "desk", ["business"]),
        new("RAIN_SHOWER", "Rain shower", "BATHROOM", "shower", ["shower"]),
        new("BATHTUB", "Bathtub", "BATHROOM", "bath", ["bath"]),
        new("HAIR_DRYER", "Hair dryer", "BATHROOM", "hair-dryer", ["bathroom"], IsDefault: true),
        new("PREMIUM_TOILETRIES", "Premium toiletries", "BATHROOM", "soap", ["toiletries"]),
        new("ROBES_SLIPPERS", "Bathrobes and slippers", "BATHROOM", "robe", ["spa"]),
        new("COFFEE_BAR", "Coffee bar", "FOOD_AND_DRINK", "coffee", ["coffee", "espresso"]),
        new("MINIBAR", "Minibar", "FOOD_AND_DRINK", "fridge", ["drinks"]),
        new("KITCHENETTE", "Kitchenette", "FOOD_AND_DRINK", "kitchen", ["cooking", "long-stay"]),
        new("IN_ROOM_SAFE", "In-room safe", "SAFETY", "safe", ["security"], IsDefault: true),
        new("SMOKE_DETECTOR", "Smoke detector", "SAFETY", "smoke-detector", ["fire-safety"], IsDefault: true, IsRequired: true),
        new("NON_SMOKING", "Non-smoking room", "SAFETY", "no-smoking", ["smoke-free"], IsDefault: true),
        new("BLACKOUT_CURTAINS", "Blackout curtains", "COMFORT", "curtains", ["sleep"]),
        new("SOUNDPROOFING", "Soundproofing", "COMFORT", "volume-off", ["quiet", "sleep"]),
        new("IRON", "Iron and ironing board", "COMFORT", "iron", ["laundry"]),
        new("USB_CHARGING", "USB charging points", "CONNECTIVITY", "usb", ["charging"]),
        new("BLUETOOTH_SPEAKER", "Bluetooth speaker", "ENTERTAINMENT", "speaker", ["music"]),
        new("BALCONY", "Balcony", "VIEW", "balcony", ["outdoor"]),
        new("SEA_VIEW", "Sea view", "VIEW", "waves", ["view"]),
        new("CITY_VIEW", "City view", "VIEW", "city", ["view"]),
        new("ACCESSIBLE_BATHROOM", "Accessible bathroom", "ACCESSIBILITY", "wheelchair", ["accessible", "step-free"]),
        new("CONNECTING_ROOMS", "Connecting rooms", "FAMILY", "door", ["family"]),
        new("CRIB_AVAILABLE", "Crib on request", "FAMILY", "baby", ["family", "infant"]),
        new("PET_FRIENDLY", "Pet friendly", "OTHER", "paw", ["pets"]),
    ];

    public static readonly FrozenDictionary<string, CanonicalAmenity> ByCode = All.ToFrozenDictionary(a => a.Code, StringComparer.Ordinal);
}
