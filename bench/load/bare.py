"""The anchor of the load test: a bare Django app (stock middleware) whose one view reads a row and writes a
row, on duban's own database with duban's connection settings (CONN_MAX_AGE), served by the same gunicorn
settings.
    BARE_DB=/path/bare.sqlite3 gunicorn --chdir bench/load bare:application     (or DATABASE_URL=postgres://…)
"""

import os
import urllib.parse

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "")
    age = int(os.environ.get("CONN_MAX_AGE", "60"))  # as duban's settings: the same connection handling
    if url.startswith("postgres"):
        u = urllib.parse.urlparse(url)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": u.path.lstrip("/"),
            "USER": u.username or "",
            "HOST": u.hostname,
            "PORT": u.port or 5432,
            "CONN_MAX_AGE": age,
            "CONN_HEALTH_CHECKS": True,
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["BARE_DB"],
        "CONN_MAX_AGE": age,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-" + "x" * 60,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": _database()},
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    USE_TZ=True,
)

import django  # noqa: E402

django.setup()
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection, transaction  # noqa: E402


@csrf_exempt
def read_write(request: HttpRequest) -> JsonResponse:
    with transaction.atomic(), connection.cursor() as c:
        c.execute("select count(*) from bare_row where id < 10")
        n = c.fetchone()[0]
        c.execute(
            "insert into bare_row (text) values (%s)", ["本月完成项目现场调研两次，协调解决用地问题一项。"]
        )
    return JsonResponse({"ok": True, "n": n}, status=201)


def make_table() -> None:
    with connection.cursor() as c:
        c.execute(
            "create table if not exists bare_row (id integer primary key, text varchar(200) not null)"
            if connection.vendor == "sqlite"
            else "create table if not exists bare_row (id serial primary key, text varchar(200) not null)"
        )


urlpatterns = [path("rw", read_write)]
application = get_wsgi_application()
