"""Run in a separate process by test_concurrency: 王芳 issues every draft she still sees as a draft."""

import datetime as dt

from django.contrib.auth.models import User

from supervision import services
from supervision.models import Notice
from supervision.services import SupervisionError


def run() -> int:
    wangfang = User.objects.get(username="wangfang")
    issued = 0
    for notice in Notice.objects.filter(state="draft").order_by("pk"):
        try:
            services.issue_notice(notice=notice, by=wangfang, today=dt.date(2026, 10, 16))
            issued += 1
        except SupervisionError:
            pass  # the other process issued it first: refused, nothing numbered
    return issued
