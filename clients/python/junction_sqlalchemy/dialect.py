"""SQLAlchemy dialect for Junction: URLs junction://host:port[?timeout=60s&mode=auto&tenant=…&protocol=https].

Schemas are named by their SQL path, as queries write them: ``tpch``, ``druid``, ``ignite.TPCH``,
``trino.tpch.tiny``; a dotted schema is written part by part (``trino.tpch.tiny.nation``), each part quoted only
when it needs it.
"""

from sqlalchemy import types
from sqlalchemy.engine import default
from sqlalchemy.sql import compiler

from . import dbapi as junction_dbapi

# java.sql.Types numbers as the metadata reports them.
_TYPES = {
    -7: types.Boolean, 16: types.Boolean, -6: types.SmallInteger, 5: types.SmallInteger, 4: types.Integer,
    -5: types.BigInteger, 6: types.Float, 7: types.Float, 8: types.Float, 91: types.Date, 92: types.Time,
    93: types.DateTime,
}


class JunctionIdentifierPreparer(compiler.IdentifierPreparer):
    def quote_schema(self, schema, force=None):
        return ".".join(self.quote(part) for part in schema.split("."))


class JunctionDialect(default.DefaultDialect):
    name = "junction"
    driver = "avatica"
    preparer = JunctionIdentifierPreparer
    supports_statement_cache = True
    supports_alter = False
    supports_sequences = False
    supports_native_boolean = True
    supports_native_decimal = True
    supports_unicode_statements = True
    supports_unicode_binds = True
    returns_unicode_strings = True
    description_encoding = None
    postfetch_lastrowid = False
    default_paramstyle = "pyformat"

    @classmethod
    def dbapi(cls):
        return junction_dbapi

    @classmethod
    def import_dbapi(cls):
        return junction_dbapi

    def create_connect_args(self, url):
        properties = dict(url.query)
        protocol = properties.pop("protocol", "http")
        endpoint = "%s://%s:%d/jdbc" % (protocol, url.host or "localhost", url.port or 8080)
        return [endpoint], properties

    def _get_default_schema_name(self, connection):
        return "tpch"

    def do_rollback(self, dbapi_connection):
        pass

    def _metadata(self, connection, request, **arguments):
        return connection.connection.dbapi_connection.metadata(request, **arguments)

    def _schemas(self, connection):
        """Each schema's SQL path, with the catalog and schema names the metadata calls take."""
        schemas = {}
        for row in self._metadata(connection, "getSchemas", catalog=None, schemaPattern=None):
            catalog, schema = row["TABLE_CATALOG"], row["TABLE_SCHEM"]
            schemas[catalog + "." + schema if catalog else schema] = (catalog, schema)
        return schemas

    def _locate(self, connection, schema):
        schema = schema or self.default_schema_name
        located = self._schemas(connection).get(schema)
        if located is None:
            raise junction_dbapi.ProgrammingError("No schema '%s'" % schema, 1004, "3F000")
        return located

    def get_schema_names(self, connection, **kw):
        return sorted(self._schemas(connection))

    def get_table_names(self, connection, schema=None, **kw):
        catalog, name = self._locate(connection, schema)
        rows = self._metadata(connection, "getTables", catalog=catalog, schemaPattern=_escaped(name),
                              tableNamePattern="%", typeList=["TABLE"])
        return [row["TABLE_NAME"] for row in rows if row["TABLE_SCHEM"] == name]

    def get_view_names(self, connection, schema=None, **kw):
        catalog, name = self._locate(connection, schema)
        rows = self._metadata(connection, "getTables", catalog=catalog, schemaPattern=_escaped(name),
                              tableNamePattern="%", typeList=["VIEW"])
        return [row["TABLE_NAME"] for row in rows if row["TABLE_SCHEM"] == name]

    def has_table(self, connection, table_name, schema=None, **kw):
        try:
            return table_name in self.get_table_names(connection, schema) + self.get_view_names(connection, schema)
        except junction_dbapi.ProgrammingError:
            return False

    def get_columns(self, connection, table_name, schema=None, **kw):
        catalog, name = self._locate(connection, schema)
        rows = self._metadata(connection, "getColumns", catalog=catalog, schemaPattern=_escaped(name),
                              tableNamePattern=_escaped(table_name), columnNamePattern="%")
        columns = []
        for row in sorted((r for r in rows if r["TABLE_SCHEM"] == name and r["TABLE_NAME"] == table_name),
                          key=lambda r: r["ORDINAL_POSITION"]):
            columns.append({"name": row["COLUMN_NAME"], "type": _type(row), "nullable": row["NULLABLE"] != 0,
                            "default": None, "autoincrement": False})
        return columns

    def get_pk_constraint(self, connection, table_name, schema=None, **kw):
        return {"constrained_columns": [], "name": None}

    def get_foreign_keys(self, connection, table_name, schema=None, **kw):
        return []

    def get_indexes(self, connection, table_name, schema=None, **kw):
        return []

    def get_unique_constraints(self, connection, table_name, schema=None, **kw):
        return []

    def get_check_constraints(self, connection, table_name, schema=None, **kw):
        return []

    def get_table_comment(self, connection, table_name, schema=None, **kw):
        return {"text": None}


def _escaped(name):
    """A name as a metadata pattern that matches only itself."""
    return name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")


def _type(row):
    jdbc_type = row["DATA_TYPE"]
    if jdbc_type in (2, 3):
        return types.Numeric(precision=row["COLUMN_SIZE"], scale=row["DECIMAL_DIGITS"])
    if jdbc_type in (1, 12, -1, -9, -15, -16):
        size = row["COLUMN_SIZE"]
        return types.String(length=size if size and size < 2 ** 31 - 1 else None)
    return _TYPES.get(jdbc_type, types.NullType)()
