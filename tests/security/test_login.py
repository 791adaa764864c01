"""李明 forgets his password ten times and is locked out; 王芳's new account makes her choose her own password;
an idle or day-long session ends; the password policy says in Chinese what is wrong."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from accounts.models import AccountProfile
from accounts.signals import LOGIN_AT, SEEN_AT
from tests.factories import PASSWORD, RegionFactory, UnitFactory, member

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def liming():
    region = RegionFactory(name="泉港区")
    return member("liming", "liaison", region=region, unit=UnitFactory(region=region, name="发改局"))


def _in(client: Client) -> bool:
    """The home page opens (or sends to the role's start page), not to the login or an account gate."""
    response = client.get("/")
    return response.status_code == 200 or not response.headers["Location"].startswith(
        ("/login/", "/account/")
    )


def _login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_ten_wrong_passwords_lock_the_account_with_a_chinese_message(liming):
    client = Client()
    for _ in range(9):
        assert _login(client, "liming", "wrong-password-x").status_code == 200
    assert _login(client, "liming", "wrong-password-x").status_code == 429  # the tenth locks
    response = _login(client, "liming", PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not_lock(liming):
    client = Client()
    for _ in range(9):
        _login(client, "liming", "wrong-password-x")
    assert _login(client, "liming", PASSWORD).status_code == 302


def test_the_lock_is_per_account_from_any_address(liming):
    for i in range(10):
        _login(Client(REMOTE_ADDR=f"10.0.0.{i + 1}"), "liming", "wrong-password-x")
    assert _login(Client(REMOTE_ADDR="10.9.9.9"), "liming", PASSWORD).status_code == 429


def test_the_lock_is_per_address_across_accounts(liming):
    prober = Client(REMOTE_ADDR="10.6.6.6")
    for i in range(10):
        _login(prober, f"guess{i}", "wrong-password-x")
    assert _login(prober, "liming", PASSWORD).status_code == 429
    assert _login(Client(REMOTE_ADDR="10.7.7.7"), "liming", PASSWORD).status_code == 302


def test_the_token_endpoint_locks_too(liming):
    api = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(9):
        bad = api.post(
            "/api/v1/auth/token", {"username": "liming", "password": "nope"}, content_type="application/json"
        )
        assert bad.status_code == 400
    api.post(
        "/api/v1/auth/token", {"username": "liming", "password": "nope"}, content_type="application/json"
    )
    locked = api.post(
        "/api/v1/auth/token", {"username": "liming", "password": PASSWORD}, content_type="application/json"
    )
    assert locked.status_code == 429
    assert "锁定" in locked.json()["detail"]


@pytest.mark.parametrize(
    ("password", "complaint"),
    [
        ("Ab1-xyz", "太短"),
        ("abcdefghijkl", "三类"),
        ("Password123", "太常见"),
        ("Liming-2026-x", "用户名"),
    ],
)
def test_the_password_policy(liming, password, complaint):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_password(password, liming)
    assert complaint in " ".join(caught.value.messages)


def test_a_good_password_passes(liming):
    validate_password("Quangang-Fagai-2026", liming)


def test_an_account_made_by_the_office_must_change_its_password_first(settings):
    settings.ACCOUNTS_NEW_MUST_CHANGE_PASSWORD = True
    region = RegionFactory(name="泉港区")
    wang = member("wangfang", "supervisor", region=region)
    assert AccountProfile.objects.get(user=wang).must_change_password
    client = Client()
    assert _login(client, "wangfang", PASSWORD).status_code == 302
    assert client.get("/").url == "/account/password/"
    page = client.get("/account/password/")
    assert "请先设置自己的密码" in page.content.decode()
    # the menu's counters, asked for by htmx on that page, get nothing to swap in (not the gate's page)
    counters = client.get("/notify/inbox/bell/", headers={"HX-Request": "true"})
    assert counters.status_code == 204
    assert not counters.content
    weak = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    )
    assert weak.status_code == 200
    assert "太短" in weak.content.decode()
    new = "Wang-Fang-Quangang-9"
    done = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert client.get("/").url == "/overview/"  # her start page, no longer the password change
    assert not AccountProfile.objects.get(user=wang).must_change_password


def test_a_new_account_without_the_flag_reaches_home(liming):
    client = Client()
    _login(client, "liming", PASSWORD)
    assert _in(client)


def _age_session(client: Client, *, login_ago: int, seen_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[LOGIN_AT] = now - login_ago
    session[SEEN_AT] = now - seen_ago
    session.save()


def test_thirty_idle_minutes_end_the_session(liming):
    client = Client()
    _login(client, "liming", PASSWORD)
    _age_session(client, login_ago=40 * 60, seen_ago=29 * 60)
    assert _in(client)
    _age_session(client, login_ago=40 * 60, seen_ago=31 * 60)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_a_busy_session_still_ends_after_the_absolute_limit(liming, settings):
    client = Client()
    _login(client, "liming", PASSWORD)
    _age_session(client, login_ago=settings.SESSION_ABSOLUTE_SECONDS - 60, seen_ago=5)
    assert _in(client)
    _age_session(client, login_ago=settings.SESSION_ABSOLUTE_SECONDS + 1, seen_ago=5)
    assert not _in(client)
    assert "_auth_user_id" not in client.session


def test_self_service_password_change_needs_the_old_password(liming):
    client = Client()
    _login(client, "liming", PASSWORD)
    new = "Li-Ming-Fagai-2026"
    wrong = client.post(
        "/account/password/", {"old_password": "nope", "new_password1": new, "new_password2": new}
    )
    assert wrong.status_code == 200
    ok = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert ok.status_code == 302
    liming.refresh_from_db()
    assert liming.check_password(new)


def test_the_demo_flag_follows_the_password_option():
    from accounts.services import ensure_separated_admins, set_first_login_for
    from audit.models import AuditEvent
    from orgs.services import ensure_account

    names = ensure_separated_admins(password_hash="x", by="manage.py demo", ensure_account=ensure_account)
    assert names == ["sysadmin", "secadmin", "auditadmin"]
    assert set_first_login_for(usernames=names, must_change=True, by="manage.py demo") == 3
    assert AccountProfile.objects.filter(must_change_password=True).count() == 3
    assert set_first_login_for(usernames=names, must_change=False, by="manage.py demo") == 3  # --password P
    assert set_first_login_for(usernames=names, must_change=False, by="manage.py demo") == 0
    assert AuditEvent.objects.filter(verb="account.first_login_flag").count() == 2
    assert User.objects.get(username="auditadmin").groups.get().name == "audit-admins"


def test_a_password_change_is_audited(liming):
    from accounts.services import change_password
    from audit.models import AuditEvent

    change_password(user=liming, new_password="Li-Ming-Fagai-2026", by=liming)
    event = AuditEvent.objects.get(verb="account.password_change")
    assert event.actor == liming
    assert "pbkdf2" not in str(event.after)
    assert "md5" not in str(event.after)
