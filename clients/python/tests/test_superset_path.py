"""What Superset does with a database, against a running gateway (JUNCTION_URL, default http://localhost:8080):
test the connection, list schemas, tables and columns, reflect a table, run SQL Lab queries with parameters.
The package is used as installed, its dialect found through its entry point as Superset finds it:

    pip install --target /tmp/junction-python clients/python
    PYTHONPATH=/tmp/junction-python JUNCTION_URL=http://localhost:8080 python3 -m unittest discover -s clients/python/tests -v
"""

import datetime
import decimal
import os
import unittest
import urllib.parse

import sqlalchemy
from sqlalchemy import MetaData, Table, func, inspect, select, text

from junction_sqlalchemy import dbapi

GATEWAY = urllib.parse.urlparse(os.environ.get("JUNCTION_URL", "http://localhost:8080"))


class SupersetPathTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = sqlalchemy.create_engine("junction://%s:%d?timeout=60s" % (GATEWAY.hostname, GATEWAY.port))

    @classmethod
    def tearDownClass(cls):
        cls.engine.dispose()

    def test_the_connection_test_runs_select_1(self):
        with self.engine.connect() as connection:
            self.assertEqual(connection.execute(text("select 1")).scalar(), 1)

    def test_schemas_tables_and_columns_are_listed_by_their_sql_paths(self):
        inspector = inspect(self.engine)
        schemas = inspector.get_schema_names()
        for schema in ("druid", "ignite.TPCH", "tpch", "trino.tpch.tiny"):
            self.assertIn(schema, schemas)
        self.assertEqual(inspector.get_table_names("tpch"), ["customer", "lineitem", "nation", "orders", "part",
                                                             "partsupp", "region", "supplier"])
        self.assertIn("NATION", inspector.get_table_names("ignite.TPCH"))
        columns = inspector.get_columns("nation", "tpch")
        self.assertEqual([column["name"] for column in columns], ["nationkey", "name", "regionkey", "comment"])
        self.assertEqual([type(column["type"]) for column in columns],
                         [sqlalchemy.BigInteger, sqlalchemy.String, sqlalchemy.BigInteger, sqlalchemy.String])
        self.assertEqual(inspector.get_pk_constraint("nation", "tpch")["constrained_columns"], [])

    def test_reflected_tables_of_every_engine_are_queried_with_their_names_quoted_as_needed(self):
        metadata = MetaData()
        counts = {}
        for schema, name in (("tpch", "nation"), ("ignite.TPCH", "NATION"), ("trino.tpch.tiny", "region")):
            table = Table(name, metadata, autoload_with=self.engine, schema=schema)
            with self.engine.connect() as connection:
                counts[schema + "." + name] = connection.execute(select(func.count()).select_from(table)).scalar()
        self.assertEqual(counts, {"tpch.nation": 25, "ignite.TPCH.NATION": 25, "trino.tpch.tiny.region": 5})

    def test_a_cross_engine_query_with_a_parameter_answers_as_over_jdbc(self):
        sql = text("select n.name, count(*) as suppliers from tpch.supplier s join tpch.nation n"
                   " on s.nationkey = n.nationkey where n.regionkey = :region and n.name <> :skip"
                   " group by n.name order by n.name")
        with self.engine.connect() as connection:
            rows = connection.execute(sql, {"region": 1, "skip": "O'Hara"}).fetchall()
        self.assertEqual([tuple(row) for row in rows], [("ARGENTINA", 3), ("BRAZIL", 2), ("CANADA", 3), ("PERU", 4),
                                                        ("UNITED STATES", 8)])

    def test_values_keep_their_types(self):
        with self.engine.connect() as connection:
            row = connection.execute(text(
                "select orderdate, cast(orderdate as timestamp) as ts, totalprice, cast(totalprice as decimal(12, 2))"
                " as price from tpch.orders where orderkey = 1")).one()
        self.assertEqual(tuple(row), (datetime.date(1996, 1, 2), datetime.datetime(1996, 1, 2), 172799.49,
                                      decimal.Decimal("172799.49")))

    def test_a_large_result_comes_in_frames(self):
        with self.engine.connect() as connection:
            rows = connection.execute(text("select orderkey from tpch.lineitem")).fetchall()
        self.assertEqual(len(rows), 60175)

    def test_errors_carry_junctions_code_and_sqlstate(self):
        with self.engine.connect() as connection:
            with self.assertRaises(sqlalchemy.exc.ProgrammingError) as raised:
                connection.execute(text("select * from tpch.nations"))
        self.assertEqual(raised.exception.orig.code, 1002)
        self.assertEqual(raised.exception.orig.sqlstate, "42S02")
        self.assertIn("TABLE_NOT_FOUND: Object 'nations' not found within 'tpch'", str(raised.exception.orig))

    def test_an_unreachable_gateway_is_an_operational_error(self):
        with self.assertRaises(dbapi.OperationalError):
            dbapi.connect("http://127.0.0.1:1/jdbc")


if __name__ == "__main__":
    unittest.main()
