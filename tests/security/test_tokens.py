"""李明's API token: stored only as a hash, shown once, 30 days long, gone after logout, rotation or a new
password; 王芳 (a supervisor) needs her TOTP code as well when the second factor is on."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken
from accounts.services import change_password
from accounts.tokens import token_hash
from tests.factories import PASSWORD, RegionFactory, UnitFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    region = RegionFactory(name="泉港区")
    return {
        "liming": member("liming", "liaison", region=region, unit=UnitFactory(region=region, name="发改局")),
        "wangfang": member("wangfang", "supervisor", region=region),
    }


def _token(client: Client, username: str, **extra: str):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": PASSWORD, **extra},
        content_type="application/json",
    )


def _units(client: Client, raw: str) -> int:
    return client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Token {raw}").status_code


def test_a_token_is_stored_hashed_and_shown_once(people):
    client = Client()
    body = _token(client, "liming").json()
    raw = body["token"]
    stored = ApiToken.objects.get(user=people["liming"])
    assert stored.key_hash == token_hash(raw)
    assert raw not in stored.key_hash
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert stored.expires_at - stored.created_at == datetime.timedelta(days=30)
    assert _units(client, raw) == 200


def test_an_expired_token_stops_working(people):
    client = Client()
    raw = _token(client, "liming").json()["token"]
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _units(client, raw) == 401


def test_logout_revokes_the_token(people):
    client = Client()
    raw = _token(client, "liming").json()["token"]
    assert client.post("/api/v1/auth/logout", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 204
    assert _units(client, raw) == 401


def test_a_web_logout_revokes_every_token(people):
    client = Client()
    raw = _token(client, "liming").json()["token"]
    client.post("/login/", {"username": "liming", "password": PASSWORD})
    client.post("/logout/")
    assert _units(Client(), raw) == 401


def test_a_password_change_revokes_every_token(people):
    client = Client()
    first, second = _token(client, "liming").json()["token"], _token(client, "liming").json()["token"]
    change_password(user=people["liming"], new_password="Li-Ming-Fagai-2026", by=people["liming"])
    assert _units(client, first) == 401
    assert _units(client, second) == 401


def test_a_password_set_anywhere_revokes_the_tokens(people):
    client = Client()
    raw = _token(client, "liming").json()["token"]
    people["liming"].set_password("Li-Ming-Fagai-2027")
    people["liming"].save()
    assert _units(client, raw) == 401


def test_rotation_gives_a_new_token_and_retires_the_old(people):
    client = Client()
    old = _token(client, "liming").json()["token"]
    new = client.post("/api/v1/auth/token/rotate", HTTP_AUTHORIZATION=f"Token {old}").json()["token"]
    assert new != old
    assert _units(client, old) == 401
    assert _units(client, new) == 200


def test_with_the_second_factor_on_a_supervisor_needs_her_code(people, settings):
    settings.REQUIRE_2FA = True
    client = Client()
    refused = _token(client, "wangfang")
    assert refused.status_code == 401
    assert "动态口令" in refused.json()["detail"]
    device = TOTPDevice.objects.create(user=people["wangfang"], name="手机", confirmed=True)
    wrong = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    assert _token(client, "wangfang", otp=wrong).status_code == 401
    device.refresh_from_db()
    device.throttle_reset()
    code = f"{totp(device.bin_key):06d}"
    assert _token(client, "wangfang", otp=code).status_code == 200
    # a liaison is not asked for one
    assert _token(client, "liming").status_code == 200


def test_with_the_second_factor_off_the_password_is_enough(people, settings):
    settings.REQUIRE_2FA = False
    assert _token(Client(), "wangfang").status_code == 200


def test_an_account_with_its_first_password_gets_no_token(people):
    from accounts.models import AccountProfile

    AccountProfile.objects.create(user=people["liming"], must_change_password=True)
    refused = _token(Client(), "liming")
    assert refused.status_code == 403
    assert "初始密码" in refused.json()["detail"]
