-- Rooms commands (issue 6) add a third kind of dated room block next to out-of-order and
-- out-of-service: ROOM_BLOCK, a room taken off sale for another reason (a show room, a long-stay
-- set-aside). It counts as blocked like the other two.
alter table availability.inventory_locks drop constraint inventory_locks_kind_check;
alter table availability.inventory_locks add constraint inventory_locks_kind_check
    check (kind in ('HOLD', 'RESERVATION', 'BLACKOUT', 'OUT_OF_ORDER', 'OUT_OF_SERVICE', 'ROOM_BLOCK'));
