"""Junction for Python: a DB-API 2.0 driver (``junction_sqlalchemy.dbapi``) and a SQLAlchemy dialect
(``junction://host:port``) for tools such as Apache Superset."""

from .dialect import JunctionDialect

__all__ = ["JunctionDialect"]
