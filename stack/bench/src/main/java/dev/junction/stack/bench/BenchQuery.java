package dev.junction.stack.bench;

import java.util.List;

/**
 * One query of the SQL benchmark: its text for Junction and, for a query Junction routes to one engine, the same
 * question in that engine's own SQL (null for split queries, which are compared with their fragments).
 */
record BenchQuery(String name, String junctionSql, String directSql) {
    static final List<BenchQuery> SUITE = List.of(
            new BenchQuery("trino-count",
                    "select count(*) as n from trino.tpch.tiny.nation where regionkey = 1",
                    "select count(*) as n from tpch.tiny.nation where regionkey = 1"),
            new BenchQuery("trino-q1-aggregate",
                    "select returnflag, linestatus, sum(quantity) as q, sum(extendedprice) as p, count(*) as n"
                            + " from trino.tpch.tiny.lineitem where shipdate <= date '1998-09-02'"
                            + " group by returnflag, linestatus order by returnflag, linestatus",
                    "select returnflag, linestatus, sum(quantity) as q, sum(extendedprice) as p, count(*) as n"
                            + " from tpch.tiny.lineitem where shipdate <= date '1998-09-02'"
                            + " group by returnflag, linestatus order by returnflag, linestatus"),
            new BenchQuery("druid-count",
                    "select count(*) as n, sum(extendedprice) as s from druid.lineitem"
                            + " where __time >= timestamp '1998-01-01 00:00:00'",
                    "select count(*) as n, sum(extendedprice) as s from lineitem"
                            + " where __time >= timestamp '1998-01-01 00:00:00'"),
            new BenchQuery("druid-hourly-series",
                    "select floor(__time to hour) as h, sum(\"value\") as v from druid.metrics"
                            + " where name = 'system.cpu.usage' group by floor(__time to hour)",
                    "select floor(__time to hour) as h, sum(\"value\") as v from metrics"
                            + " where name = 'system.cpu.usage' group by floor(__time to hour)"),
            new BenchQuery("ignite-count",
                    "select count(*) as n from ignite.TPCH.CUSTOMER where MKTSEGMENT = 'BUILDING'",
                    "select count(*) as n from TPCH.CUSTOMER where MKTSEGMENT = 'BUILDING'"),
            new BenchQuery("ignite-key-lookup",
                    "select NAME, ACCTBAL from ignite.TPCH.CUSTOMER where CUSTKEY = 42",
                    "select NAME, ACCTBAL from TPCH.CUSTOMER where CUSTKEY = 42"),
            new BenchQuery("split-2-engines",
                    "select c.mktsegment, count(*) as orders, sum(o.totalprice) as total from tpch.customer c"
                            + " join tpch.orders o on o.custkey = c.custkey group by c.mktsegment order by total desc",
                    null),
            // nation and region are replicated in Ignite and Trino: read next to supplier, the join runs in Trino...
            new BenchQuery("replicas-3-table-join",
                    "select n.name, count(*) as suppliers from tpch.supplier s"
                            + " join tpch.nation n on s.nationkey = n.nationkey"
                            + " join tpch.region r on n.regionkey = r.regionkey"
                            + " where r.name = 'EUROPE' group by n.name order by n.name",
                    null),
            // ...read from Ignite (the hint), the same join is split over two engines.
            new BenchQuery("split-3-table-join",
                    "select /*+ engine(ignite) */ n.name, count(*) as suppliers from tpch.supplier s"
                            + " join tpch.nation n on s.nationkey = n.nationkey"
                            + " join tpch.region r on n.regionkey = r.regionkey"
                            + " where r.name = 'EUROPE' group by n.name order by n.name",
                    null),
            new BenchQuery("split-tpch-q03",
                    "select l.orderkey, sum(l.extendedprice * (1 - l.discount)) as revenue, o.orderdate,"
                            + " o.shippriority from tpch.customer c, tpch.orders o, tpch.lineitem l"
                            + " where c.mktsegment = 'BUILDING' and c.custkey = o.custkey and l.orderkey = o.orderkey"
                            + " and o.orderdate < date '1995-03-15' and l.shipdate > date '1995-03-15'"
                            + " group by l.orderkey, o.orderdate, o.shippriority"
                            + " order by revenue desc, o.orderdate limit 10",
                    null));
}
