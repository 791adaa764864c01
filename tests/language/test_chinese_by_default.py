"""Chinese for everyone, whatever the browser says; English only for a person who chooses it."""

import pytest

from tests.progress.factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_an_english_browser_gets_chinese_pages(client):
    world = build_world()
    client.force_login(world.liming)
    for url in ("/due/", f"/plans/{world.plan.pk}/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        html = response.content.decode()
        assert '<html lang="zh-Hans">' in html, url
        assert response["Content-Language"] == "zh-hans"
    assert "我的待办" in client.get("/due/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_login_page_is_in_chinese(client):
    html = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "登录" in html


def test_a_form_error_is_in_chinese_for_an_english_browser(client):
    world = build_world()
    client.force_login(world.liming)
    march = world.period("month", 3)
    url = f"/tasks/{world.task.pk}/periods/{march.pk}/report/"
    response = client.post(url, {"percent": "", "text": ""}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "该字段是必填项" in html
    assert "This field is required" not in html


def test_liming_chooses_english_and_back(client):
    world = build_world()
    client.force_login(world.liming)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/due/"}, HTTP_ACCEPT_LANGUAGE="zh")
    assert response.status_code == 302
    html = client.get("/due/").content.decode()
    assert '<html lang="en">' in html
    assert "My to-do list" in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/due/"})
    assert '<html lang="zh-Hans">' in client.get("/due/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_admin_is_in_chinese(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="duban-test-pw-1")
    client.force_login(admin)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-hans"' in html.lower()
    for english in ("Site administration", "Recent actions", "Log out", "Add"):
        assert f">{english}<" not in html
    html = client.get("/admin/progress/progressreport/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "进展报告" in html
    for english in (">Search<", "Progress reports", "0 progress reports"):
        assert english not in html
