"""The session engine (settings.SESSION_ENGINE): Django's database sessions, with the session read in SQL the
database runs as is — every request of a logged-in user reads it, and building the same ORM query each time
cost several times running it."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict[str, Any]:
        """The live session's data (not expired), or none: as Django's, which then forgets the key."""
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        q = connection.ops.quote_name
        sql = (
            f"SELECT {q('session_data')} FROM {q(model._meta.db_table)} "  # noqa: S608 — names, not values
            f"WHERE {q('session_key')} = %s AND {q('expire_date')} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            found = cursor.fetchone()
        if found is None:
            self._session_key = None
            return {}
        return self.decode(found[0])
