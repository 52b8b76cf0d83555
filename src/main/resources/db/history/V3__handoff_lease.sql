-- Which gateway runs the handoffs of a hybrid table (docs/metrics.md, "Operating the handoff"): the owner holds the
-- lease until expires_at and renews it every round; another gateway takes it over only once it has expired.
create table junction_handoff_lease (
    table_name  varchar(256) not null primary key,
    owner       varchar(256) not null,
    expires_at  timestamp(6) with time zone not null
);
