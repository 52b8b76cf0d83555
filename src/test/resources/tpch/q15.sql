with revenue0 (supplier_no, total_revenue) as (
    select
        l.suppkey,
        sum(l.extendedprice * (1 - l.discount))
    from
        lineitem l
    where
        l.shipdate >= date '1996-01-01'
        and l.shipdate < date '1996-01-01' + interval '3' month
    group by
        l.suppkey
)
select
    s.suppkey,
    s.name,
    s.address,
    s.phone,
    total_revenue
from
    supplier s,
    revenue0
where
    s.suppkey = supplier_no
    and total_revenue = (
        select
            max(total_revenue)
        from
            revenue0
    )
order by
    s.suppkey
