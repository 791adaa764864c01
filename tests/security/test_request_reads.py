"""The reads every request makes — 李明's session, his user, an API token — are compiled once per process
(accounts.sessions, accounts.backends, accounts.prepared); they must answer exactly what Django's own did:
the same user with the same values, and nobody for a session or token that is over."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.backends import PasswordBackend
from accounts.models import ApiToken
from accounts.prepared import RowBy
from accounts.tokens import find_live, issue
from tests.factories import PASSWORD, RegionFactory, UnitFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def liming() -> Any:
    region: Any = RegionFactory(name="泉港区")
    unit: Any = UnitFactory(region=region, name="发改局")
    user = member("liming", "liaison", region=region, unit=unit)
    user.last_login = timezone.now() - datetime.timedelta(days=2, microseconds=1234)
    user.first_name = "李明"
    user.save()
    return user


def _fields(user: Any) -> dict[str, Any]:
    return {f.attname: getattr(user, f.attname) for f in get_user_model()._meta.concrete_fields}


def test_the_compiled_read_gives_the_same_user_as_the_orm(liming):
    read = RowBy(get_user_model(), "pk").get(liming.pk)
    assert read is not None
    assert _fields(read) == _fields(get_user_model().objects.get(pk=liming.pk))
    assert isinstance(read.is_active, bool)  # SQLite's 1, converted as the ORM does
    assert read.last_login is not None
    assert read.last_login.tzinfo is not None
    assert not read._state.adding  # a saved row: saving it updates, never inserts
    assert RowBy(get_user_model(), "pk").get(liming.pk + 1000) is None


def test_li_mings_page_reads_his_session_and_his_user_once_each(liming):
    client = Client()
    assert client.login(username="liming", password=PASSWORD)
    client.get("/account/password/", secure=True)  # warm: the compiled queries are made once
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/account/password/", secure=True)
    assert page.status_code == 200
    assert page.context["user"] == liming
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum("django_session" in s for s in sql) == 1
    assert sum("auth_user" in s for s in sql) == 1


def test_an_expired_session_is_nobody(liming):
    client = Client()
    assert client.login(username="liming", password=PASSWORD)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    page = client.get("/due/", secure=True)
    assert page.status_code == 302
    assert page["Location"].startswith("/login/")


def test_a_deactivated_user_is_logged_out_on_the_next_page(liming):
    client = Client()
    assert client.login(username="liming", password=PASSWORD)
    get_user_model().objects.filter(pk=liming.pk).update(is_active=False)
    assert PasswordBackend().get_user(liming.pk) is None
    assert client.get("/due/", secure=True)["Location"].startswith("/login/")


def test_a_session_user_id_that_is_not_a_number_is_nobody(liming):
    assert PasswordBackend().get_user("not-a-number") is None
    assert PasswordBackend().get_user(str(liming.pk)) == liming


def test_a_token_is_found_live_with_its_user_and_not_after_its_end(liming):
    token, raw = issue(liming)
    found = find_live(raw)
    assert found is not None
    assert found.pk == token.pk
    assert _fields(found.user) == _fields(liming)
    assert find_live(raw + "x") is None
    assert find_live(raw, now=token.expires_at) is None  # the end is not live
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert find_live(raw) is None
