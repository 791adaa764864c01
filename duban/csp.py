"""The Content-Security-Policy header, built once.

django-csp's middleware builds the header strings from the settings on every response (5 % of a worker's time
on a kept 我的待办 under load). duban's pages use no nonce and no per-view policy, so the strings are the same
for every response: this middleware asks the library for them once (the library's own `build_policy`, so the
headers are byte for byte the library's) and again after a setting changes. A response that carries a policy
of its own (csp's decorators) or a request that used a nonce goes the library's way; the rest of the library's
rules (DEBUG's error pages, exempt responses, excluded prefixes, no nonce after the header) are kept.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
# (header name, the response's exempt flag, the setting): the policy, then the report-only policy
_KINDS = (
    (HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)
_kept: list[tuple[str, str, str, tuple[str, ...]]] = []  # (header, exempt flag, value, excluded prefixes)


@receiver(setting_changed)
def _forget(*, setting: str, **_: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _kept.clear()


def _headers() -> list[tuple[str, str, str, tuple[str, ...]]]:
    if not _kept:
        for header, exempt, name in _KINDS:
            value = build_policy(report_only=header == HEADER_REPORT_ONLY)
            prefixes = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
            _kept.append((header, exempt, value, prefixes))
    return _kept


class KeptPolicyMiddleware(CSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, a) for a in _OWN_POLICY):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (
            HTTPStatus.INTERNAL_SERVER_ERROR,
            HTTPStatus.NOT_FOUND,
        ):
            return response
        for header, exempt, value, prefixes in _headers():
            if (
                value
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = value
        # as the library: once the header is written, asking for a nonce is an error, not a silent gap
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
