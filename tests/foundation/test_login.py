"""Li, a supervisor, opens duban for the first time."""

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_login_page_is_in_chinese(client):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "登录" in html
    assert "用户名" in html
    assert "密码" in html


def test_login_page_assets_are_served_by_duban_itself(client):
    html = client.get("/login/").content.decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.endswith("duban.css") for a in assets)
    assert any(a.endswith("htmx.min.js") for a in assets)
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 100, url


def test_no_page_refers_to_an_outside_host(client):
    html = client.get("/login/").content.decode()
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)


def test_home_sends_an_anonymous_visitor_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_li_logs_in_and_out(client):
    get_user_model().objects.create_user("li", password="correct-horse-1", first_name="李雅茹")
    response = client.post("/login/", {"username": "li", "password": "correct-horse-1"}, follow=True)
    assert "李雅茹" in response.content.decode()
    response = client.post("/logout/", follow=True)
    assert response.request["PATH_INFO"] == "/login/"


def test_a_wrong_password_is_explained_in_chinese(client):
    get_user_model().objects.create_user("li", password="correct-horse-1")
    response = client.post("/login/", {"username": "li", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名和密码不匹配" in response.content.decode()


def test_english_is_available_when_chosen_not_from_the_browser(client):
    assert "Log in" not in client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in" in client.get("/login/").content.decode()
