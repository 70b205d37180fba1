using System.Data.Common;
using System.Text.RegularExpressions;
using Tartware.Contracts.Messaging.V1;
using Tartware.Contracts.Properties;
using Tartware.Contracts.Rates;
using Tartware.Contracts.Reservations.V1;
using Tartware.Reservations.Commands;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Reservations.Api;

/// <summary>
/// Acceptance of reservation commands (architecture §5): validate, authorize, price the stay through the
/// rates module (its BAR/RACK fallback decision is stored in this same transaction), then one
/// transaction holding the idempotency key, the command with its lifecycle and the outbox row. The 202
/// leaves only after that commit; the processor decides the rest.
/// </summary>
internal sealed partial class ReservationCommands(
    IUnitOfWorkFactory units, RequestContext caller, IRateQuoting rates, IPropertyDirectory directory, CommandWriter writer, TimeProvider time)
{
    private const int MaxNights = 90;

    public Task<(CommandAccepted Answer, bool Replayed)> CreateAsync(CreateReservationRequest request, string? key, string? correlationId, CancellationToken ct)
    {
        var fields = new Fields();
        var propertyId = fields.Required("propertyId", request.PropertyId);
        var roomTypeId = fields.Required("roomTypeId", request.RoomTypeId);
        var (arrival, departure) = fields.Stay("arrival", request.Arrival, "departure", request.Departure, MaxNights);
        var (adults, children) = Occupancy(fields, request.Adults ?? 0, request.Children ?? 0, request.Adults is null);
        if ((request.Guest is null) == (request.GuestId is null))
        {
            fields.Add("guest", "send either guest details or guestId");
        }

        var guest = request.Guest is null ? null : Guest(fields, request.Guest, required: true);
        var rateCode = fields.Text("rateCode", request.RateCode, 20, false)?.ToUpperInvariant();
        var notes = fields.Text("notes", request.Notes, 2000, false);
        var idempotencyKey = Acceptance.Key(fields, key);
        fields.ThrowIfAny();

        return AcceptAsync(idempotencyKey, Acceptance.Hash("POST /v1/reservations", request), async tx =>
        {
            if (!caller.CanReachProperty(propertyId))
            {
                throw new NotFoundException("property", propertyId.ToString());
            }

            if (request.GuestId is { } guestId)
            {
                var profile = await directory.FindGuestAsync(tx, guestId, ct) ?? throw new NotFoundException("guest", guestId.ToString());
                guest = new GuestDetails
                {
                    GuestId = profile.Id.ToString(),
                    FirstName = profile.FirstName,
                    LastName = profile.LastName,
                    Email = profile.Email ?? string.Empty,
                    Phone = profile.Phone ?? string.Empty,
                };
            }

            var stay = await PriceAsync(tx, propertyId, roomTypeId, arrival, departure, adults, children, rateCode, request.Source, request.PartnerId,
                request.AllowRateFallback, correlationId, ct);
            return new ReservationCommand
            {
                CommandId = NewId().ToString(),
                ReservationId = NewId().ToString(),
                Create = new CreateReservation
                {
                    PropertyId = propertyId.ToString(),
                    Stay = stay,
                    Guest = guest,
                    Source = request.Source ?? "DIRECT",
                    PartnerId = request.PartnerId ?? string.Empty,
                    Notes = notes ?? string.Empty,
                },
            };
        }, correlationId, ct);
    }

    public Task<(CommandAccepted Answer, bool Replayed)> ModifyAsync(Guid id, ModifyReservationRequest request, string? key, string? correlationId, CancellationToken ct)
    {
        var fields = new Fields();
        var stayChanges = request.RoomTypeId is not null || request.Arrival is not null || request.Departure is not null || request.Adults is not null
            || request.Children is not null || request.RateCode is not null;
        if (!stayChanges && request.Guest is null && request.Notes is null)
        {
            fields.Add("body", "send at least one of roomTypeId, arrival, departure, adults, children, rateCode, guest, notes");
        }

        var guestInput = request.Guest is null ? null : Guest(fields, request.Guest, required: false);
        var rateCode = fields.Text("rateCode", request.RateCode, 20, false)?.ToUpperInvariant();
        var notes = request.Notes is null ? null : fields.Text("notes", request.Notes, 2000, false) ?? string.Empty;
        var idempotencyKey = Acceptance.Key(fields, key);
        fields.ThrowIfAny();

        return AcceptAsync(idempotencyKey, Acceptance.Hash($"PATCH /v1/reservations/{id}", request), async tx =>
        {
            var current = await CurrentAsync(tx, id, ct);
            var modify = new ModifyReservation { Notes = notes ?? string.Empty, NotesSet = notes is not null };
            if (stayChanges)
            {
                var arrival = request.Arrival ?? DateOnly.Parse(current.Stay.Arrival, System.Globalization.CultureInfo.InvariantCulture);
                var departure = request.Departure ?? DateOnly.Parse(current.Stay.Departure, System.Globalization.CultureInfo.InvariantCulture);
                var stayFields = new Fields();
                stayFields.Stay("arrival", arrival, "departure", departure, MaxNights);
                var (adults, children) = Occupancy(stayFields, request.Adults ?? current.Stay.Adults, request.Children ?? current.Stay.Children, false);
                stayFields.ThrowIfAny();
                modify.Stay = await PriceAsync(tx, current.PropertyId, request.RoomTypeId ?? Guid.Parse(current.Stay.RoomTypeId), arrival, departure,
                    adults, children, rateCode ?? ReservationRecord.Empty(current.Stay.RequestedRateCode) ?? ReservationRecord.Empty(current.Stay.RateCode),
                    current.Source, current.PartnerId, request.AllowRateFallback, correlationId, ct);
            }

            if (guestInput is not null)
            {
                modify.Guest = new GuestDetails
                {
                    GuestId = current.Guest.GuestId,
                    FirstName = ReservationRecord.Empty(guestInput.FirstName) ?? current.Guest.FirstName,
                    LastName = ReservationRecord.Empty(guestInput.LastName) ?? current.Guest.LastName,
                    Email = request.Guest!.Email is null ? current.Guest.Email : guestInput.Email,
                    Phone = request.Guest!.Phone is null ? current.Guest.Phone : guestInput.Phone,
                };
            }

            return new ReservationCommand { CommandId = NewId().ToString(), ReservationId = id.ToString(), Modify = modify };
        }, correlationId, ct);
    }

    /// <summary>Cancel, check-in, check-out, no-show, assign-room: no pricing, the processor checks the transition.</summary>
    public Task<(CommandAccepted Answer, bool Replayed)> StatusAsync(Guid id, string route, object request, Action<ReservationCommand> body, string? key,
        string? correlationId, CancellationToken ct)
    {
        var fields = new Fields();
        var idempotencyKey = Acceptance.Key(fields, key);
        fields.ThrowIfAny();
        return AcceptAsync(idempotencyKey, Acceptance.Hash($"POST /v1/reservations/{id}/{route}", request), async tx =>
        {
            await CurrentAsync(tx, id, ct);
            var command = new ReservationCommand { CommandId = NewId().ToString(), ReservationId = id.ToString() };
            body(command);
            return command;
        }, correlationId, ct);
    }

    /// <summary>Validates a reason (required for cancel, optional for no-show).</summary>
    public static string? Reason(string? reason, bool required)
    {
        var fields = new Fields();
        var text = fields.Text("reason", reason, 500, required);
        fields.ThrowIfAny();
        return text;
    }

    /// <summary>The reservation as last decided, or as its create command describes it while the create is in flight; 404 otherwise.</summary>
    public async Task<ReservationRecord> CurrentAsync(DbTransaction tx, Guid id, CancellationToken ct)
    {
        var current = await ReservationRecord.FindAsync(tx, id, false, ct) ?? await PendingAsync(tx, id, ct)
            ?? throw new NotFoundException("reservation", id.ToString());
        return caller.CanReachProperty(current.PropertyId) ? current : throw new NotFoundException("reservation", id.ToString());
    }

    /// <summary>A reservation whose create is accepted but not yet applied.</summary>
    public static async Task<ReservationRecord?> PendingAsync(DbTransaction tx, Guid id, CancellationToken ct)
    {
        var rows = await tx.Sql("""
            select o.payload, c.created_at from reservations.commands c join reservations.outbox o on o.tenant_id = c.tenant_id and o.id = c.outbox_id
            where c.aggregate_id = $1 and c.kind = 'CREATE' order by c.created_at limit 1
            """).Bind(id).RowsAsync(r => (Payload: r.GetFieldValue<byte[]>(0), At: r.GetFieldValue<DateTimeOffset>(1)), ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var command = ReservationCommand.Parser.ParseFrom(Envelope.Parser.ParseFrom(rows[0].Payload).Payload);
        return ReservationRecord.FromCreate(id, command.Create, rows[0].At);
    }

    private Task<(CommandAccepted Answer, bool Replayed)> AcceptAsync(string key, string hash, Func<DbTransaction, Task<ReservationCommand>> build,
        string? correlationId, CancellationToken ct) =>
        Acceptance.RunAsync(units, caller.TenantId, key, hash, async tx =>
        {
            var accepted = await writer.AcceptAsync(tx, caller.TenantId, await build(tx), caller.UserId.ToString(), correlationId, ct);
            return (new CommandAccepted(accepted.AggregateId, accepted.CommandId, accepted.Kind, "PERSISTED", $"/v1/reservations/{accepted.AggregateId}/lifecycle"),
                accepted.CommandId);
        }, ct);

    private async Task<PricedStay> PriceAsync(DbTransaction tx, Guid propertyId, Guid roomTypeId, DateOnly arrival, DateOnly departure, int adults, int children,
        string? rateCode, string? source, string? partnerId, bool? allowFallback, string? correlationId, CancellationToken ct)
    {
        var quote = await rates.QuoteAsync(tx, new RateQuoteRequest(propertyId, roomTypeId, arrival, departure, adults, children, rateCode, source, partnerId,
            caller.UserId.ToString(), correlationId), ct);
        if (allowFallback == false && quote.Fallback is { } refused)
        {
            // Thrown before commit: the decision the quote recorded rolls back with everything else.
            throw new BusinessRuleException($"{refused.RequestedRateCode} cannot sell this stay ({refused.Reason}: {refused.Detail}) and the request forbids a fallback.",
                "rate-fallback-denied");
        }

        return Priced(quote, roomTypeId, arrival, departure, adults, children, rateCode);
    }

    /// <summary>A quote as the priced stay a command carries (prices, terms and the fallback decision, as money strings).</summary>
    internal static PricedStay Priced(RateQuote quote, Guid roomTypeId, DateOnly arrival, DateOnly departure, int adults, int children, string? rateCode)
    {
        var stay = new PricedStay
        {
            RoomTypeId = roomTypeId.ToString(),
            Arrival = ReservationRecord.Iso(arrival),
            Departure = ReservationRecord.Iso(departure),
            Adults = adults,
            Children = children,
            RequestedRateCode = rateCode ?? "BAR",
            RateCode = quote.AppliedRateCode,
            RatePlanId = quote.AppliedRatePlanId.ToString(),
            Currency = quote.Currency,
            Total = ReservationRecord.Money(quote.Total),
        };
        stay.Nights.AddRange(quote.Nights.Select(n => new NightPrice { Night = ReservationRecord.Iso(n.Night), Amount = ReservationRecord.Money(n.Amount), Source = n.Source }));
        if (quote.Cancellation is { } c)
        {
            stay.Cancellation = new CancellationTerms
            {
                WindowHours = c.WindowHours,
                Penalty = c.Penalty,
                PenaltyPercent = c.PenaltyPercent is { } p ? ReservationRecord.Money(p) : string.Empty,
            };
        }

        if (quote.Fallback is { } f)
        {
            stay.Fallback = new FallbackDecision
            {
                DecisionId = f.Id?.ToString() ?? string.Empty,
                RequestedRateCode = f.RequestedRateCode,
                AppliedRateCode = f.AppliedRateCode,
                Reason = f.Reason,
                Detail = f.Detail,
                RequestedTotal = f.RequestedTotal is { } rt ? ReservationRecord.Money(rt) : string.Empty,
                PriceDelta = f.PriceDelta is { } d ? ReservationRecord.Money(d) : string.Empty,
                Escalated = f.Escalated,
            };
            stay.Fallback.NotifyRecipients.AddRange(f.NotifyRecipients);
        }

        return stay;
    }

    private static (int Adults, int Children) Occupancy(Fields fields, int adults, int children, bool adultsMissing)
    {
        if (adultsMissing)
        {
            fields.Add("adults", "is required");
        }
        else if (adults is < 1 or > 20)
        {
            fields.Add("adults", "must be between 1 and 20");
        }

        if (children is < 0 or > 20)
        {
            fields.Add("children", "must be between 0 and 20");
        }

        return (adults, children);
    }

    private static GuestDetails Guest(Fields fields, GuestInput input, bool required)
    {
        var first = fields.Text("guest.firstName", input.FirstName, 100, required);
        var last = fields.Text("guest.lastName", input.LastName, 100, required);
        var email = fields.Text("guest.email", input.Email, 254, false);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            fields.Add("guest.email", "is not an e-mail address");
        }

        var phone = fields.Text("guest.phone", input.Phone, 21, false);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            fields.Add("guest.phone", "must be 5 to 20 digits, optionally after a +");
        }

        return new GuestDetails { FirstName = first ?? string.Empty, LastName = last ?? string.Empty, Email = email ?? string.Empty, Phone = phone ?? string.Empty };
    }

    private Guid NewId() => Guid.CreateVersion7(time.GetUtcNow());

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9]{5,20}$")]
    private static partial Regex PhonePattern();
}
