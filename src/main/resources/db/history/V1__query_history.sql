-- Query history: one row per query, one per fragment it sent to an engine. Plain SQL that PostgreSQL and H2
-- both run, so one migration folder serves both metadata stores.
create table junction_query (
    id            varchar(64)      not null primary key,
    sql_text      varchar(1000000) not null,
    state         varchar(16)      not null,
    error_code    varchar(64),
    error_message varchar(10000),
    started_at    timestamp(6) with time zone not null,
    ended_at      timestamp(6) with time zone,
    planning_ms   bigint           not null,
    execution_ms  bigint           not null,
    row_count     bigint           not null,
    shape         varchar(32)
);

-- Listing is newest first; pruning deletes the oldest.
create index junction_query_started_at on junction_query (started_at);
create index junction_query_state on junction_query (state, started_at);

create table junction_query_fragment (
    query_id        varchar(64)      not null references junction_query (id) on delete cascade,
    position        integer          not null,
    engine          varchar(128)     not null,
    engine_query_id varchar(256),
    sql_text        varchar(1000000) not null,
    row_count       bigint           not null,
    ms              bigint           not null,
    state           varchar(16)      not null,
    cancelled       boolean          not null,
    primary key (query_id, position)
);
