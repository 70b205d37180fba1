using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Tartware.Contracts.Reservations.V1;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Commands;

/// <summary>A reservation as stored (or, while its create is in flight, as its create command describes it).</summary>
internal sealed record ReservationRecord(
    Guid Id, Guid PropertyId, string? ConfirmationNumber, string Status, PricedStay Stay, GuestDetails Guest, Guid? RoomId,
    string Source, string? PartnerId, string? Notes, string? RejectionCode, string? RejectionDetail, string? CancelReason, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string Pending = "PENDING";

    private const string Columns = """
        id, property_id, confirmation_number, status, room_type_id, arrival, departure, adults, children, guest_id, guest_first_name, guest_last_name,
        guest_email, guest_phone, requested_rate_code, rate_code, rate_plan_id, currency, nightly::text, total, cancellation::text, fallback::text,
        room_id, source, partner_id, notes, rejection_code, rejection_detail, cancel_reason, version, created_at, updated_at
        """;

    public static async Task<ReservationRecord?> FindAsync(DbTransaction tx, Guid id, bool forUpdate, CancellationToken ct)
    {
        var rows = await tx.Sql($"select {Columns} from reservations.reservations where id = $1{(forUpdate ? " for update" : "")}")
            .Bind(id).RowsAsync(Map, ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>One page ordered by (arrival, id); the filters are all optional.</summary>
    public static Task<List<ReservationRecord>> PageAsync(DbTransaction tx, Guid? propertyId, DateOnly? arrivalFrom, DateOnly? arrivalTo,
        string? status, string? guest, (DateOnly Arrival, Guid Id)? after, int limit, CancellationToken ct) =>
        tx.Sql($"""
            select {Columns} from reservations.reservations
            where ($1::uuid is null or property_id = $1) and ($2::date is null or arrival >= $2) and ($3::date is null or arrival <= $3)
              and ($4::text is null or status = $4)
              and ($5::text is null or lower(guest_last_name) like $5 || '%' or lower(guest_email) = $5 or confirmation_number = upper($5))
              and ($6::date is null or (arrival, id) > ($6, $7))
            order by arrival, id limit $8
            """).Bind(propertyId, arrivalFrom, arrivalTo, status, guest?.ToLowerInvariant(), after?.Arrival, after?.Id ?? Guid.Empty, limit)
            .RowsAsync(Map, ct);

    private static ReservationRecord Map(DbDataReader r)
    {
        var stay = new PricedStay
        {
            RoomTypeId = r.GetGuid(4).ToString(),
            Arrival = Iso(r.GetFieldValue<DateOnly>(5)),
            Departure = Iso(r.GetFieldValue<DateOnly>(6)),
            Adults = r.GetInt32(7),
            Children = r.GetInt32(8),
            RequestedRateCode = Opt(r, 14) ?? string.Empty,
            RateCode = Opt(r, 15) ?? string.Empty,
            RatePlanId = r.IsDBNull(16) ? string.Empty : r.GetGuid(16).ToString(),
            Currency = Opt(r, 17) ?? string.Empty,
            Total = r.IsDBNull(19) ? string.Empty : Money(r.GetDecimal(19)),
        };
        stay.Nights.AddRange(JsonSerializer.Deserialize<List<NightJson>>(r.GetString(18))!.Select(n => new NightPrice { Night = n.Night, Amount = n.Amount, Source = n.Source }));
        if (Opt(r, 20) is { } cancellation)
        {
            var c = JsonSerializer.Deserialize<CancellationJson>(cancellation)!;
            stay.Cancellation = new CancellationTerms { WindowHours = c.WindowHours, Penalty = c.Penalty, PenaltyPercent = c.PenaltyPercent ?? string.Empty };
        }

        if (Opt(r, 21) is { } fallback)
        {
            stay.Fallback = Google.Protobuf.JsonParser.Default.Parse<FallbackDecision>(fallback);
        }

        var guest = new GuestDetails
        {
            GuestId = r.IsDBNull(9) ? string.Empty : r.GetGuid(9).ToString(),
            FirstName = r.GetString(10),
            LastName = r.GetString(11),
            Email = Opt(r, 12) ?? string.Empty,
            Phone = Opt(r, 13) ?? string.Empty,
        };
        return new ReservationRecord(r.GetGuid(0), r.GetGuid(1), Opt(r, 2), r.GetString(3), stay, guest, r.IsDBNull(22) ? null : r.GetGuid(22),
            r.GetString(23), Opt(r, 24), Opt(r, 25), Opt(r, 26), Opt(r, 27), Opt(r, 28), r.GetInt32(29),
            r.GetFieldValue<DateTimeOffset>(30), r.GetFieldValue<DateTimeOffset>(31));
    }

    /// <summary>The reservation a create command describes, before the processor has decided it.</summary>
    public static ReservationRecord FromCreate(Guid id, CreateReservation create, DateTimeOffset at) => new(
        id, Guid.Parse(create.PropertyId), null, Pending, create.Stay, create.Guest, null, create.Source, Empty(create.PartnerId), Empty(create.Notes),
        null, null, null, 0, at, at);

    public ReservationSnapshot ToSnapshot() => new()
    {
        ReservationId = Id.ToString(),
        PropertyId = PropertyId.ToString(),
        ConfirmationNumber = ConfirmationNumber ?? string.Empty,
        Status = Status,
        Stay = Stay,
        Guest = Guest,
        RoomId = RoomId?.ToString() ?? string.Empty,
        Source = Source,
        PartnerId = PartnerId ?? string.Empty,
        Version = Version,
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    public static string NightsJson(PricedStay stay) =>
        JsonSerializer.Serialize(stay.Nights.Select(n => new NightJson(n.Night, n.Amount, n.Source)));

    public static string? CancellationJsonOf(PricedStay stay) => stay.Cancellation is { } c
        ? JsonSerializer.Serialize(new CancellationJson(c.WindowHours, c.Penalty, Empty(c.PenaltyPercent)))
        : null;

    public static string? FallbackJsonOf(PricedStay stay) => stay.Fallback is { } f ? Google.Protobuf.JsonFormatter.Default.Format(f) : null;

    public static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Opt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private sealed record NightJson(string Night, string Amount, string Source);

    private sealed record CancellationJson(int WindowHours, string Penalty, string? PenaltyPercent);
}
