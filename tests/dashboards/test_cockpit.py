"""曾国志, district leader, opens his cockpit on his phone: his tasks by light with reasons, the week's
changes, what waits for his decision. 王芳 of the office opens it read-only; nobody else may."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest

from progress.models import Period
from supervision.models import LightSnapshot, Notice
from tests.dashboards.story import build_story, login

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def story(world, today):
    today(D(2026, 4, 3))
    return build_story(world)


def test_a_leader_lands_on_his_cockpit_and_sees_only_his_portfolio(story):
    zeng = login(story.world.zengguozhi)
    assert zeng.get("/")["Location"] == "/cockpit/"
    page = zeng.get("/cockpit/").content.decode()
    assert "领导驾驶舱" in page
    assert "曾国志" in page
    assert f'data-task="{story.world.task.pk}"' in page
    assert f'data-task="{story.jiaoyu_task.pk}"' not in page  # 蔡卫平's task
    assert "区发改局" in page
    cai = login(story.caiweiping).get("/cockpit/").content.decode()
    assert f'data-task="{story.jiaoyu_task.pk}"' in cai
    assert f'data-task="{story.world.task.pk}"' not in cai


def test_the_lights_come_with_their_chinese_reasons(story):
    page = login(story.world.zengguozhi).get("/cockpit/").content.decode()
    reasons = page.split(f'data-task="{story.world.task.pk}"')[1].split("</li>")[0]
    assert "月" in reasons
    assert "报" in reasons


def test_what_waits_for_his_decision_and_what_changed_this_week(story, today):
    page = login(story.world.zengguozhi).get("/cockpit/").content.decode()
    decide = page.split('id="decide"')[1].split("</section>")[0]
    assert "问责建议" in decide
    assert "约谈后连续两次督查扫描仍为红灯" in decide
    assert "征地未完成" not in decide  # 蔡卫平's task's extension
    cai = login(story.caiweiping).get("/cockpit/").content.decode()
    assert "征地未完成" in cai.split('id="decide"')[1].split("</section>")[0]
    today(D(2026, 3, 20))
    week = login(story.world.zengguozhi).get("/cockpit/").content.decode().split('id="week"')[1]
    assert "泉港督〔2026〕1号" in week.split("</section>")[0]  # issued 03-16, within the week


def test_a_light_change_since_last_week_is_listed(story):
    def week():
        page = login(story.caiweiping).get("/cockpit/").content.decode()
        return page.split('id="week"')[1].split("</section>")[0]

    assert f"/tasks/{story.jiaoyu_task.pk}/" not in week()  # the same light as at the 03-27 scan
    LightSnapshot.objects.filter(task=story.jiaoyu_task, scan__on=D(2026, 3, 27)).update(color="grey")
    changed = week()
    assert f"/tasks/{story.jiaoyu_task.pk}/" in changed
    assert "灰灯" in changed


def test_the_office_opens_a_leader_s_cockpit_read_only_and_others_may_not(story):
    w = story.world
    office = login(w.wangfang).get(f"/cockpit/{story.zeng.pk}/")
    assert office.status_code == HTTPStatus.OK
    assert "只读" in office.content.decode()
    assert f'data-task="{w.task.pk}"' in office.content.decode()
    assert login(w.zhoumin).get(f"/cockpit/{story.zeng.pk}/").status_code == HTTPStatus.OK  # observer
    assert login(w.chenjing).get(f"/cockpit/{story.zeng.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert login(story.caiweiping).get(f"/cockpit/{story.zeng.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert login(w.liming).get(f"/cockpit/{story.zeng.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert login(w.liming).get("/cockpit/").status_code == HTTPStatus.FORBIDDEN
    assert login(w.wangfang).get("/cockpit/999999/").status_code == HTTPStatus.NOT_FOUND
    own = login(w.zengguozhi).get(f"/cockpit/{story.zeng.pk}/").content.decode()
    assert "只读" not in own
    assert Period.objects.exists()


def test_an_observer_follows_the_cockpit_s_notice_link_and_reads_it_without_acting(story):
    w = story.world
    Notice.objects.filter(pk=story.notice.pk).update(issued_on=D(2026, 4, 1))  # issued this week
    page = login(w.zhoumin).get(f"/cockpit/{story.zeng.pk}/").content.decode()
    link = f"/supervision/notices/{story.notice.pk}/"
    assert link in page
    zhoumin = login(w.zhoumin)
    notice = zhoumin.get(link)
    assert notice.status_code == HTTPStatus.OK
    assert "泉港督〔2026〕1号" in notice.content.decode()
    main = notice.content.decode().split("<main")[1].split("</main>")[0]
    assert "<form" not in main  # nothing to answer, approve or decide
    assert zhoumin.post(f"{link}answer/", {"text": "已整改"}).status_code == HTTPStatus.FORBIDDEN
    draft = Notice.objects.get(task=w.task, level=3)  # proposed, not issued: the office's own
    assert zhoumin.get(f"/supervision/notices/{draft.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert login(w.chenjing).get(link).status_code == HTTPStatus.NOT_FOUND  # another region's office


def test_a_task_s_words_are_shown_as_written_never_as_markup(story):
    """The rows are made in Python, not by the template: what a unit or an import typed is escaped there."""
    w = story.world
    type(w.task).objects.filter(pk=w.task.pk).update(text="<b>\"港区\"</b> & '新区'建设" + "项" * 60)
    type(w.fagai).objects.filter(pk=w.fagai.pk).update(name="发改<局>")
    page = login(w.zengguozhi).get("/cockpit/").content.decode()
    row = page.split(f'data-task="{w.task.pk}"')[1].split("</li>")[0]
    assert "&lt;b&gt;&quot;港区&quot;&lt;/b&gt; &amp; &#x27;新区&#x27;建设" in row
    assert "项" * 30 + "…</a>" in row  # cut to 60 characters
    assert "发改&lt;局&gt; · " in row
    assert "<b>" not in page
