"""The API's one exception handler: the services' refusals become JSON with the right status code.

A message per field for invalid input (400), the newer version for a report someone else changed (409),
the reason for a state that does not allow the action (409), a task or section someone else saved since
it was read (409, with its current version); a refusal or a missing object as DRF's own translated 403 / 404
(the access helpers' reasons are English notes for developers, never shown); everything else as DRF answers it. Views do
not catch these themselves.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.serializers_progress import ReportOutSerializer
from progress.services import CONFLICT_MESSAGE, ReportChanged, ReportInvalid, ReportStateError
from targets.edits import TaskChanged


def _field_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {("non_field_errors" if k == "__all__" else k): v for k, v in errors.items()}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ReportInvalid):
        exc = ValidationError(_field_errors(exc.errors))
    elif isinstance(exc, ReportChanged):
        body = {"detail": str(CONFLICT_MESSAGE), "current": ReportOutSerializer(exc.current).data}
        return Response(body, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, TaskChanged):
        return Response({"detail": exc.message, "version": exc.version}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, ReportStateError):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, Http404):
        exc = (
            exceptions.NotFound()
        )  # the access helpers' reasons are for developers: the client reads 未找到。
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()  # …and 您没有执行该操作的权限。
    return drf_exception_handler(exc, context)
