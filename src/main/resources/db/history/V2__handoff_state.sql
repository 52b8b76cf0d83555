-- The handoff state of each hybrid table (docs/metrics.md, "Handoff state"): the watermark (every time chunk
-- before it is in Druid) and the sequence number of the last handoff Druid may show. Both move together, by a
-- compare-and-set on seq, only after Druid has confirmed a handoff.
create table junction_handoff (
    table_name  varchar(256) not null primary key,
    watermark   timestamp(6) with time zone not null,
    seq         bigint       not null,
    updated_at  timestamp(6) with time zone not null
);
