"""Queries that every request makes, compiled once per process instead of on each request.

Building and compiling `User.objects.get(pk=…)` through the ORM costs about ten times running it; a request
pays it for the session's user, and an API request for its token and the token's user. `RowBy` asks the ORM
for the SQL and the converters once, then runs that SQL with the new value: the same SQL, the same rows, the
same model instances (`Model.from_db`, the database's own converters: SQLite's text dates, booleans).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.contrib.auth import get_user_model
from django.db import connections, models, router

M = TypeVar("M", bound=models.Model)

# A value no row holds, put in the query when it is compiled and found again among its parameters.
_INT_MARK = -736_491_002
_TEXT_MARK = "\x00duban-prepared-mark\x00"


class RowBy(Generic[M]):
    """The one row of MODEL whose FIELD equals a value (and that matches the fixed lookups), or None."""

    def __init__(self, model: type[M], field: str, **fixed: Any) -> None:
        self.model = model
        self.field = field
        self.fixed = fixed
        target = model._meta.pk if field == "pk" else model._meta.get_field(field)
        self.mark: int | str = (
            _INT_MARK if isinstance(target, models.IntegerField | models.AutoField) else _TEXT_MARK
        )
        self._compiled: dict[str, tuple[str, list[Any], int, dict[int, Any], list[str]]] = {}

    def _compile(self, alias: str) -> tuple[str, list[Any], int, dict[int, Any], list[str]]:
        query = self.model._default_manager.using(alias).filter(**{self.field: self.mark}, **self.fixed)
        compiler = query.order_by().query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        expressions = [column for column, _sql, _alias in compiler.select]
        converters = compiler.get_converters(expressions)
        names = [column.target.attname for column in expressions]
        return sql, list(params), list(params).index(self.mark), converters, names

    def get(self, value: Any) -> M | None:
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias)
        sql, params, slot, converters, names = compiled
        params = list(params)
        params[slot] = value
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchone()
        if found is None:
            return None
        row = list(found)
        for position, (functions, expression) in converters.items():
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
        return self.model.from_db(alias, names, row)


# The user with this id: a session's (accounts.backends) and an API token's (accounts.tokens).
USER_BY_PK: RowBy[Any] = RowBy(get_user_model(), "pk")
