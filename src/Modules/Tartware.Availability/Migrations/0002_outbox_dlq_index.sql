-- /health/reliability counts parked (DLQ) outbox rows on every call; without an index that count read
-- every delivered row too (found by the benchmark: 20-85 ms per call at 10-30k rows).
create index availability_outbox_dlq_idx on availability.outbox (seq) where status = 'DLQ';
