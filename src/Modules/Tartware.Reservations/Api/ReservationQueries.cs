using System.Globalization;
using System.Text;
using Tartware.Contracts.Properties;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Reservations.Api;

/// <summary>Reads: one reservation, a keyset page, and every command of a reservation with its lifecycle.</summary>
internal sealed class ReservationQueries(IUnitOfWorkFactory units, RequestContext caller, ReservationCommands commands, IPropertyDirectory directory)
{
    private static readonly string[] Statuses = ["CONFIRMED", "CHECKED_IN", "CHECKED_OUT", "CANCELLED", "NO_SHOW", "REJECTED"];

    public async Task<ReservationResponse> GetAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        return ToResponse(await commands.CurrentAsync(unit.Transaction, id, ct));
    }

    public async Task<ReservationPage> ListAsync(Guid? propertyId, DateOnly? arrivalFrom, DateOnly? arrivalTo, string? status, string? guest, int? limit,
        string? after, CancellationToken ct)
    {
        var fields = new ServiceDefaults.Endpoints.Fields();
        var size = limit ?? 50;
        if (size is < 1 or > 200)
        {
            fields.Add("limit", "must be between 1 and 200");
        }

        var normalized = status?.Trim().ToUpperInvariant();
        if (normalized is not null && !Statuses.Contains(normalized))
        {
            fields.Add("status", "must be one of " + string.Join(", ", Statuses));
        }

        if (arrivalFrom is not null && arrivalTo is not null && arrivalTo < arrivalFrom)
        {
            fields.Add("arrivalTo", "must not be before arrivalFrom");
        }

        var cursor = after is null ? ((DateOnly, Guid)?)null : Cursor(after, fields);
        var search = fields.Text("guest", guest, 100, false);
        fields.ThrowIfAny();
        if (propertyId is { } p && !caller.CanReachProperty(p))
        {
            throw new NotFoundException("property", p.ToString());
        }

        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        if (propertyId is { } wanted && await directory.FindPropertyAsync(unit.Transaction, wanted, ct) is null)
        {
            throw new NotFoundException("property", wanted.ToString());
        }

        var rows = await ReservationRecord.PageAsync(unit.Transaction, propertyId, arrivalFrom, arrivalTo, normalized, search, cursor, size + 1, ct);
        // A property-scoped membership sees its own properties' reservations only.
        var visible = rows.Take(size).Where(r => caller.CanReachProperty(r.PropertyId)).Select(ToResponse).ToList();
        var next = rows.Count > size ? Encode(rows[size - 1]) : null;
        return new ReservationPage(visible, next);
    }

    public async Task<LifecycleResponse> LifecycleAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        await commands.CurrentAsync(unit.Transaction, id, ct);
        return new LifecycleResponse(id, await LifecycleStore.ListAsync(unit.Transaction, id, ct));
    }

    public static ReservationResponse ToResponse(ReservationRecord r)
    {
        var s = r.Stay;
        var rate = new RateResponse(ReservationRecord.Empty(s.RequestedRateCode), s.RateCode, Guid.TryParse(s.RatePlanId, out var plan) ? plan : null, s.Currency,
            [.. s.Nights.Select(n => new NightResponse(Date(n.Night), Amount(n.Amount), n.Source))], Amount(s.Total),
            s.Cancellation is { } c ? new CancellationResponse(c.WindowHours, c.Penalty, ReservationRecord.Empty(c.PenaltyPercent) is { } pct ? Amount(pct) : null) : null,
            s.Fallback is { } f ? new FallbackResponse(Guid.TryParse(f.DecisionId, out var d) ? d : null, f.RequestedRateCode, f.AppliedRateCode, f.Reason,
                f.Detail, ReservationRecord.Empty(f.RequestedTotal) is { } rt ? Amount(rt) : null, ReservationRecord.Empty(f.PriceDelta) is { } pd ? Amount(pd) : null,
                f.Escalated) : null);
        var g = r.Guest;
        return new ReservationResponse(r.Id, r.PropertyId, r.ConfirmationNumber, r.Status, Guid.Parse(s.RoomTypeId), Date(s.Arrival), Date(s.Departure), s.Adults,
            s.Children, new GuestResponse(Guid.TryParse(g.GuestId, out var gid) ? gid : null, g.FirstName, g.LastName, ReservationRecord.Empty(g.Email),
                ReservationRecord.Empty(g.Phone)),
            rate, r.RoomId, r.Source, r.PartnerId, r.Notes, r.RejectionCode is null ? null : new RejectionResponse(r.RejectionCode, r.RejectionDetail ?? string.Empty),
            r.CancelReason, r.Version, r.CreatedAt, r.UpdatedAt);
    }

    private static DateOnly Date(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static decimal Amount(string text) => text.Length == 0 ? 0 : decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string Encode(ReservationRecord r) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{r.Stay.Arrival}|{r.Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateOnly, Guid)? Cursor(string after, ServiceDefaults.Endpoints.Fields fields)
    {
        try
        {
            var padded = after.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var a)
                && Guid.TryParse(parts[1], out var id))
            {
                return (a, id);
            }
        }
        catch (FormatException)
        {
        }

        fields.Add("after", "is not a cursor this API returned");
        return null;
    }
}
