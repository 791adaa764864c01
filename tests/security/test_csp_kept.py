"""The CSP header built once (duban.csp): the same bytes as django-csp's own middleware, per-view policies and
nonces still honoured, a changed setting taken at once."""

from typing import Any

import pytest
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from duban.csp import KeptPolicyMiddleware


def _both(view: Any, path: str = "/due/") -> tuple[Any, Any]:
    """The same view through the library's middleware and through duban's."""
    out = []
    for middleware in (CSPMiddleware, KeptPolicyMiddleware):
        request = RequestFactory().get(path)
        out.append(middleware(view)(request))
    return out[0], out[1]


def _plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("我的待办")


def test_the_kept_header_is_the_librarys_own():
    theirs, ours = _both(_plain)
    assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in ours["Content-Security-Policy"]
    assert ("Content-Security-Policy-Report-Only" in ours) == (
        "Content-Security-Policy-Report-Only" in theirs
    )


def test_a_view_with_its_own_policy_gets_it():
    @csp_update({"img-src": ["https://tiles.example"]})  # type: ignore[untyped-decorator]
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("map")

    theirs, ours = _both(view)
    assert "https://tiles.example" in ours["Content-Security-Policy"]
    assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]


def test_a_page_that_used_a_nonce_names_it_where_the_policy_asks_for_one():
    from csp.constants import NONCE, SELF

    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")  # type: ignore[attr-defined]

    request = RequestFactory().get("/")
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": [SELF, NONCE]}}):
        response = KeptPolicyMiddleware(view)(request)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]


def test_a_changed_setting_is_taken_at_once():
    _both(_plain)  # the header is kept
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": ["/csp-report/"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        theirs, ours = _both(_plain)
        assert (
            ours["Content-Security-Policy"]
            == theirs["Content-Security-Policy"]
            == ("default-src 'self'; report-uri /csp-report/")
        )
        assert ours["Content-Security-Policy-Report-Only"] == theirs["Content-Security-Policy-Report-Only"]
    theirs, ours = _both(_plain)
    assert "report-uri" not in ours["Content-Security-Policy"]


def test_excluded_prefixes_and_exempt_responses_get_no_header():
    policy = {"EXCLUDE_URL_PREFIXES": ["/static/"], "DIRECTIVES": {"default-src": ["'self'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        _theirs, ours = _both(_plain, "/static/app.js")
        assert "Content-Security-Policy" not in ours

    def exempt(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("x")
        response._csp_exempt = True  # type: ignore[attr-defined]
        return response

    _theirs, ours = _both(exempt)
    assert "Content-Security-Policy" not in ours


def test_asking_for_a_nonce_after_the_header_is_written_is_an_error():
    from csp.exceptions import CSPNonceError

    request = RequestFactory().get("/")
    KeptPolicyMiddleware(_plain)(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
