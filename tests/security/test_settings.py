"""The production settings: no start without the keys, `check --deploy` clean, headers on every page, and a
Content Security Policy that no template breaks with inline script or style."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

ROOT = Path(django_settings.BASE_DIR)
PROD = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "AUDIT_KEY": "a-production-audit-key-0123456789",
    "FIELD_KEY": "a-production-field-key-0123456789",
    "ALLOWED_HOSTS": "duban.example.gov.cn",
}


def _manage(*args: str, drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REQUIRE_2FA", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE", *drop)
    }
    env.update({k: v for k, v in PROD.items() if k not in drop})
    env["DATABASE_URL"] = "sqlite:///:memory:"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("key", ["SECRET_KEY", "AUDIT_KEY", "FIELD_KEY"])
def test_duban_refuses_to_start_without_a_key(key):
    result = _manage("check", drop=(key,))
    assert result.returncode != 0
    assert key in result.stderr
    assert "Traceback" not in result.stderr


def test_audit_verify_refuses_without_its_key():
    result = _manage("audit_verify", drop=("AUDIT_KEY",))
    assert result.returncode != 0
    assert "AUDIT_KEY" in result.stderr


@pytest.mark.django_db
def test_the_login_page_carries_the_security_headers():
    response = Client().get("/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle=", re.I),
    re.compile(r"\son[a-z]+=", re.I),
    re.compile(r"\shx-on", re.I),
]


def test_no_template_has_inline_script_or_style():
    templates = [
        p
        for p in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in p.parts and "node_modules" not in p.parts
    ]
    assert len(templates) > 5
    offenders = [
        f"{p.relative_to(ROOT)}: {rx.pattern}" for p in templates for rx in INLINE if rx.search(p.read_text())
    ]
    assert offenders == []


def test_the_deploy_settings_are_what_check_deploy_expects():
    """The same production environment, read back: HSTS, secure cookies, TLS behind the proxy."""
    code = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.REQUIRE_2FA)"
    )
    result = _manage("shell", "-c", code)
    assert result.stdout.split("\n")[-2] == "31536000 True True True ('HTTP_X_FORWARDED_PROTO', 'https') True"
