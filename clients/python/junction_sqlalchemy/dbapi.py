"""A DB-API 2.0 (PEP 249) driver for Junction, over the Avatica JSON protocol the gateway serves at /jdbc.

The same endpoint, planner and catalog as the JDBC driver: queries run through Junction's coordinator (history,
timeouts, cancellation on close) and their rows come in frames. Only the standard library is needed.

    conn = connect("http://localhost:8080/jdbc", timeout="60s")
    cur = conn.cursor()
    cur.execute("select name from tpch.nation where regionkey = %(r)s", {"r": 1})
    print(cur.fetchall())
"""

import datetime
import decimal
import json
import urllib.error
import urllib.request
import uuid

apilevel = "2.0"
threadsafety = 1
paramstyle = "pyformat"

#: Seconds an HTTP request may take; the gateway ends queries at their own timeout long before.
HTTP_TIMEOUT_SECONDS = 3600
FRAME_ROWS = 1000

_EPOCH_DATE = datetime.date(1970, 1, 1)
_EPOCH = datetime.datetime(1970, 1, 1)


class Warning(Exception):  # noqa: A001 (PEP 249 names it so)
    pass


class Error(Exception):
    """A failure; `code` is Junction's error code number, `sqlstate` its SQLState, when the gateway gave them."""

    def __init__(self, message, code=None, sqlstate=None):
        super().__init__(message)
        self.code = code
        self.sqlstate = sqlstate


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


def _error_for(code):
    """The PEP 249 class of a Junction error code number (see docs/sql.md, error codes)."""
    if code == 1011:
        return NotSupportedError
    if code is not None and 1000 <= code < 2000:
        return ProgrammingError
    if code is not None and 2000 <= code < 4000:
        return OperationalError
    return InternalError


def connect(url="http://localhost:8080/jdbc", **properties):
    """Opens a connection to the gateway's /jdbc endpoint; properties are the JDBC connection properties
    (timeout, mode, tenant)."""
    return Connection(url, properties)


class Connection:
    def __init__(self, url, properties):
        self._url = url
        self._id = str(uuid.uuid4())
        self._closed = False
        self._call({"request": "openConnection", "connectionId": self._id,
                    "info": {name: str(value) for name, value in properties.items()}})

    def _call(self, request):
        if self._closed:
            raise InterfaceError("The connection is closed")
        body = json.dumps(request).encode("utf-8")
        http = urllib.request.Request(self._url, data=body, method="POST",
                                      headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(http, timeout=HTTP_TIMEOUT_SECONDS) as answer:
                response = json.loads(answer.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            response = _json_or_none(e.read())
            if response is None:
                raise OperationalError("The gateway at %s answered HTTP %d" % (self._url, e.code)) from e
        except (urllib.error.URLError, OSError) as e:
            raise OperationalError("The gateway at %s did not answer: %s" % (self._url, e)) from e
        if response.get("response") == "error":
            code = response.get("errorCode")
            raise _error_for(code)(response.get("errorMessage"), code, response.get("sqlState"))
        return response

    def metadata(self, request, **arguments):
        """Rows of a DatabaseMetaData call (getSchemas, getTables, getColumns…) as dicts by column name."""
        response = self._call(dict(arguments, request=request, connectionId=self._id))
        cursor = Cursor(self)
        cursor._result(response)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def cursor(self):
        return Cursor(self)

    def commit(self):
        """Junction is read-only: nothing to commit."""

    def rollback(self):
        """Junction is read-only: nothing to roll back."""

    def close(self):
        if not self._closed:
            try:
                self._call({"request": "closeConnection", "connectionId": self._id})
            finally:
                self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Cursor:
    arraysize = 100

    def __init__(self, connection):
        self.connection = connection
        self.description = None
        self.rowcount = -1
        self._statement = None
        self._types = []
        self._rows = []
        self._offset = 0
        self._done = True

    def execute(self, operation, parameters=None):
        # No parameters, no formatting: a '%' in the SQL stays as written.
        if parameters:
            operation = operation % _literals(parameters)
        connection = self.connection
        if self._statement is None:
            self._statement = connection._call({"request": "createStatement",
                                                "connectionId": connection._id})["statementId"]
        response = connection._call({"request": "prepareAndExecute", "connectionId": connection._id,
                                     "statementId": self._statement, "sql": operation, "maxRowCount": -1,
                                     "maxRowsInFirstFrame": FRAME_ROWS})
        self._result(response["results"][0])
        return self

    def executemany(self, operation, seq_of_parameters):
        raise NotSupportedError("Junction is read-only: executemany is not supported", 1011)

    def _result(self, result):
        columns = result["signature"]["columns"]
        self.description = [(c["label"], c["type"]["name"], c.get("displaySize"), None, c.get("precision"),
                             c.get("scale"), c.get("nullable") != 0) for c in columns]
        self._types = [c["type"]["id"] for c in columns]
        self._result_statement = result["statementId"]
        frame = result.get("firstFrame")
        self._rows = list(frame["rows"]) if frame else []
        self._offset = len(self._rows)
        self._done = bool(frame and frame["done"])
        self.rowcount = -1

    def _fetch_frame(self):
        connection = self.connection
        response = connection._call({"request": "fetch", "connectionId": connection._id,
                                     "statementId": self._result_statement, "offset": self._offset,
                                     "fetchMaxRowCount": max(self.arraysize, FRAME_ROWS)})
        frame = response["frame"]
        self._rows.extend(frame["rows"])
        self._offset += len(frame["rows"])
        self._done = frame["done"]

    def fetchone(self):
        if self.description is None:
            raise ProgrammingError("No query was executed")
        while not self._rows and not self._done:
            self._fetch_frame()
        if not self._rows:
            return None
        return tuple(_value(value, jdbc_type) for value, jdbc_type in zip(self._rows.pop(0), self._types))

    def fetchmany(self, size=None):
        rows = []
        for _ in range(size or self.arraysize):
            row = self.fetchone()
            if row is None:
                break
            rows.append(row)
        return rows

    def fetchall(self):
        return list(iter(self.fetchone, None))

    def __iter__(self):
        return iter(self.fetchone, None)

    def setinputsizes(self, sizes):
        pass

    def setoutputsize(self, size, column=None):
        pass

    def close(self):
        if self._statement is not None and not self.connection._closed:
            self.connection._call({"request": "closeStatement", "connectionId": self.connection._id,
                                   "statementId": self._statement})
        self._statement = None


def _json_or_none(body):
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError:
        return None


def _value(value, jdbc_type):
    """A frame's value as Python's: the wire carries dates as days, times and timestamps as milliseconds."""
    if value is None:
        return None
    if jdbc_type == 91:
        return _EPOCH_DATE + datetime.timedelta(days=value)
    if jdbc_type == 93:
        return _EPOCH + datetime.timedelta(milliseconds=value)
    if jdbc_type == 92:
        return (_EPOCH + datetime.timedelta(milliseconds=value)).time()
    if jdbc_type in (2, 3):
        return decimal.Decimal(str(value))
    return value


def _literals(parameters):
    if isinstance(parameters, dict):
        return {name: _literal(value) for name, value in parameters.items()}
    return tuple(_literal(value) for value in parameters)


def _literal(value):
    """A parameter as an SQL literal: parameters are written into the statement, so one request runs it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    if isinstance(value, datetime.datetime):
        return "TIMESTAMP '%s'" % value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, datetime.date):
        return "DATE '%s'" % value.isoformat()
    if isinstance(value, str):
        return "'%s'" % value.replace("'", "''")
    raise ProgrammingError("Parameters of type %s are not supported" % type(value).__name__, 1000)
