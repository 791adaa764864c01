"""王芳 (supervisor) logs in on the web with the second factor on: she enrols once, sees the key once,
and from then on her password alone reaches nothing."""

from __future__ import annotations

import base64
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, RegionFactory, UnitFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def wangfang(settings):
    settings.REQUIRE_2FA = True
    return member("wangfang", "supervisor", region=RegionFactory(name="泉港区"))


def _gated(client: Client) -> str:
    """Where the home page sends her: '' when it (or her role's start page) opens, else the gate's page."""
    response = client.get("/")
    return response.url if response.status_code == 302 and response.url.startswith("/account/") else ""


def _logged_in(username: str) -> Client:
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_enrolment_shows_the_key_once_and_confirms_with_a_code(wangfang):
    client = _logged_in("wangfang")
    assert _gated(client) == "/account/2fa/setup/"
    assert client.get("/api/v1/units").status_code == 403
    page = client.get("/account/2fa/setup/").content.decode()
    assert "otpauth://" not in page  # GET shows no key and makes none
    assert not TOTPDevice.objects.exists()
    shown = client.post("/account/2fa/setup/", {"action": "start"}).content.decode()
    uri = re.search(r"otpauth://totp/[^<\s]+", shown).group(0)
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)
    device = TOTPDevice.objects.get(user=wangfang)
    assert not device.confirmed
    assert "otpauth://" not in client.get("/account/2fa/setup/").content.decode()  # never shown again
    wrong = client.post("/account/2fa/setup/", {"action": "confirm", "token": "12345"})
    assert "错误" in wrong.content.decode()
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows further tries (django-otp throttling); she waits it out
    done = client.post("/account/2fa/setup/", {"action": "confirm", "token": f"{totp(device.bin_key):06d}"})
    assert done.status_code == 302
    assert _gated(client) == ""


def test_the_next_login_asks_for_the_code(wangfang):
    device = TOTPDevice.objects.create(user=wangfang, name="手机", confirmed=True)
    client = _logged_in("wangfang")
    assert _gated(client) == "/account/2fa/verify/"
    assert client.post("/account/2fa/verify/", {"token": "000001"}).status_code == 200
    assert _gated(client) == "/account/2fa/verify/"
    device.refresh_from_db()
    device.throttle_reset()
    assert client.post("/account/2fa/verify/", {"token": f"{totp(device.bin_key):06d}"}).status_code == 302
    assert _gated(client) == ""


def test_a_liaison_is_not_asked(settings):
    settings.REQUIRE_2FA = True
    region = RegionFactory(name="泉港区")
    member("liming", "liaison", region=region, unit=UnitFactory(region=region, name="发改局"))
    assert _gated(_logged_in("liming")) == ""


def test_with_the_second_factor_off_a_supervisor_goes_straight_in(settings):
    settings.REQUIRE_2FA = False
    member("wangfang", "supervisor", region=RegionFactory(name="泉港区"))
    assert _gated(_logged_in("wangfang")) == ""
