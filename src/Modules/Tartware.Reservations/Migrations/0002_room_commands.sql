-- Rooms commands (issue 6: block, release, out-of-order, out-of-service, housekeeping-status) ride the
-- same machinery as reservation commands: a command row with its lifecycle, the idempotency key, the
-- outbox (topic rooms.commands, key = room id), the processor's inbox and offset ledger, dead letters.
-- A command now names its aggregate (a reservation or a room) instead of always a reservation, and
-- keeps what applying it decided (the block taken, the status set, or the conflicts) for the API.
alter table reservations.commands rename column reservation_id to aggregate_id;
alter index reservations.reservations_commands_by_reservation_idx rename to reservations_commands_by_aggregate_idx;
alter table reservations.commands add column aggregate text not null default 'reservation' check (aggregate in ('reservation', 'room'));
alter table reservations.commands add column result jsonb;
alter table reservations.commands drop constraint commands_kind_check;
alter table reservations.commands add constraint commands_kind_check check (
    (aggregate = 'reservation' and kind in ('CREATE', 'MODIFY', 'CANCEL', 'CHECK_IN', 'CHECK_OUT', 'NO_SHOW', 'ASSIGN_ROOM'))
    or (aggregate = 'room' and kind in ('BLOCK', 'RELEASE', 'OUT_OF_ORDER', 'OUT_OF_SERVICE', 'HOUSEKEEPING_STATUS')));

-- The rooms processor parks its own dead letters.
drop policy processor_or_operator on reservations.dead_letters;
create policy processor_or_operator on reservations.dead_letters
    using (current_setting('app.worker', true) in ('reservation-processor', 'rooms-processor', 'dlq-operator'))
    with check (current_setting('app.worker', true) in ('reservation-processor', 'rooms-processor', 'dlq-operator'));
