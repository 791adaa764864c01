"""Clear pages instead of tracebacks when the machine, not the person, fails.

- The database is unreachable (restarting, overloaded): 503 "try again in a minute". Nothing was saved,
  since every write is one transaction. Django's CONN_HEALTH_CHECKS then reconnects on the next request,
  so duban recovers by itself once the database is back.
- The disk is full while a file is saved: 507 saying the file and the report were not saved.

A page asks for HTML, the API for JSON ({"detail": "…"}); both in the user's language (Chinese first).
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

log = logging.getLogger("ops.faults")
_FAULT = "_ops_fault"
DATABASE_DOWN, DISK_FULL, SERVER_ERROR = 503, 507, 500


def _database_down() -> str:
    return _(
        "The database is not answering at the moment (it may be restarting). Nothing was saved. "
        "Please try again in a minute."
    )


def _disk_full() -> str:
    return _(
        "The server's disk is full, so the file could not be stored and nothing was saved. "
        "Please tell the system administrator, and try again later."
    )


def classify(exc: BaseException) -> tuple[int, str] | None:
    """(status, message) for a machine fault we can explain, None for anything else."""
    if isinstance(exc, OperationalError | InterfaceError):
        return DATABASE_DOWN, _database_down()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL, _disk_full()
    return None


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept)


def fault_response(request: HttpRequest, status: int, message: str) -> HttpResponse:
    headers = {"Retry-After": "60"} if status == DATABASE_DOWN else {}
    if _wants_json(request):
        response: HttpResponse = JsonResponse({"detail": message}, status=status, headers=headers)
    else:
        html = render_to_string("ops/fault.html", {"message": message, "status": status})
        response = HttpResponse(html, status=status, headers=headers)
    return response


def _remember(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Django turns an exception raised outside the view (a middleware reading the session) into a 500;
    # this receiver keeps the exception so the middleware below can still explain it.
    exc = sys.exc_info()[1]
    if request is not None and exc is not None:
        setattr(request, _FAULT, exc)


got_request_exception.connect(_remember, dispatch_uid="ops.faults.remember")


class FaultPages:
    """Outermost middleware: explains database outages and a full disk in plain words."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exc = getattr(request, _FAULT, None)
        if response.status_code == SERVER_ERROR and exc is not None:
            known = classify(exc)
            if known is not None:
                return fault_response(request, *known)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        known = classify(exception)
        if known is None:
            return None
        log.error("request failed: %s", type(exception).__name__, extra={"path": request.path})
        return fault_response(request, *known)
