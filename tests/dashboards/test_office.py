"""王芳 of 泉港区's supervision office opens her overview: lights by section, unit, leader and tag, the
trend, who has not reported, overdue answers, the desk's counts; she reminds the units once."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest

from audit.models import AuditEvent
from notify.models import Channel, Message
from tests.dashboards.story import build_story, login
from tests.progress.factories import file

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def story(world, today):
    today(D(2026, 4, 3))
    return build_story(world)


def test_the_office_lands_on_its_overview_with_charts_and_tables(story):
    wangfang = login(story.world.wangfang)
    assert wangfang.get("/")["Location"] == "/overview/"
    page = wangfang.get("/overview/").content.decode()
    assert "echarts" in page  # the vendored script, checked by the acceptance script
    assert 'id="dash-data"' in page
    for title in ("按领域", "按牵头单位", "按分管领导", "按标签", "按月"):
        assert title in page, title
    assert "一、稳增长" in page
    assert "二、惠民生" in page
    assert "曾国志" in page
    assert "蔡卫平" in page
    assert "关键指标" in page
    assert "民生实事" in page
    assert "2026-03" in page  # the trend's month, from the scans
    assert "泉港督〔2026〕1号" in page  # answer overdue since 03-23
    assert f'href="/cockpit/{story.zeng.pk}/"' in page  # the office opens a leader's cockpit
    assert "合计" in page
    assert "总分" not in page  # counts of tasks, never a score


def test_the_units_that_have_not_reported_on_march_are_listed(story):
    page = login(story.world.wangfang).get("/overview/").content.decode()
    unreported = page.split('id="unreported"')[1].split("</section>")[0]
    assert "2026年03月报告" in unreported
    assert "区发改局" in unreported
    assert "区教育局" in unreported
    assert "区工信局" not in unreported  # a co-unit owes no report


def test_one_click_reminds_the_liaisons_and_a_second_click_sends_nothing_new(story):
    office = login(story.world.wangfang)
    first = office.post("/overview/remind/", {"region": story.world.plan.region_id})
    assert first.status_code == HTTPStatus.FOUND
    inbox = Message.objects.filter(channel=Channel.INBOX)
    assert sorted(inbox.values_list("recipient__username", flat=True)) == ["jiaoyu_liaison", "liming"]
    assert inbox.get(recipient=story.world.liming).subject == "【督查室提醒】2026年03月报告将于2026-04-08截止"
    assert "第1项" in inbox.get(recipient=story.world.liming).body
    count = Message.objects.count()
    office.post("/overview/remind/", {"region": story.world.plan.region_id})
    assert Message.objects.count() == count
    events = AuditEvent.objects.filter(verb="dashboards.reminded")
    assert [e.after["queued"] for e in events.order_by("pk")] == [count, 0]


def test_a_liaison_gets_403_and_an_observer_reads_without_the_remind_button(story):
    w = story.world
    assert login(w.liming).get("/overview/").status_code == HTTPStatus.FORBIDDEN
    assert (
        login(w.liming).post("/overview/remind/", {"region": w.plan.region_id}).status_code
        == HTTPStatus.FORBIDDEN
    )
    observer = login(w.zhoumin)
    page = observer.get("/overview/")
    assert page.status_code == HTTPStatus.OK
    assert 'data-action="remind"' not in page.content.decode()
    assert "只读" in page.content.decode()
    assert (
        observer.post("/overview/remind/", {"region": w.plan.region_id}).status_code == HTTPStatus.FORBIDDEN
    )
    assert Message.objects.count() == 0
    assert login(w.zengguozhi).get("/overview/").status_code == HTTPStatus.FORBIDDEN


def test_another_region_s_office_sees_its_own_and_not_quangang(story):
    chenjing = login(story.world.chenjing)
    assert "鲤城区" in chenjing.get("/overview/").content.decode()
    assert chenjing.get(f"/overview/?region={story.world.plan.region_id}").status_code == HTTPStatus.NOT_FOUND
    assert chenjing.get("/overview/?region=abc").status_code == HTTPStatus.OK  # bad input: her own region


def test_the_print_view_prints_tables_without_the_menu(story):
    page = login(story.world.wangfang).get("/overview/?print=1").content.decode()
    assert "mainnav" not in page
    assert "<table" in page
    assert "一、稳增长" in page
    assert "echarts" not in page


def test_the_burden_is_shown_per_period_as_a_cost_never_per_unit(story):
    page = login(story.world.wangfang).get("/overview/burden/").content.decode()
    assert "报送负担" in page
    assert "2026年02月报告" in page  # 区教育局's February report: one report, one step
    assert "区教育局" not in page  # never a unit's score (RULES.md rule 9)
    assert login(story.world.liming).get("/overview/burden/").status_code == HTTPStatus.FORBIDDEN
    printed = login(story.world.wangfang).get("/overview/burden/?print=1").content.decode()
    assert "mainnav" not in printed
    assert "<table" in printed


def test_an_admin_picks_a_region_and_a_late_reminder_says_the_period_is_overdue(
    story, today, django_user_model
):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.com", "Admin-pass-2026")
    client = login(admin)
    page = client.get(f"/overview/?region={story.world.plan.region_id}").content.decode()
    assert 'name="region"' in page  # two regions: a choice
    assert "泉港区" in page
    assert "鲤城区" in client.get("/overview/").content.decode()  # the first by name without a choice
    today(D(2026, 4, 10))  # March was due on 04-08
    client.post("/overview/remind/", {"region": story.world.plan.region_id})
    subject = Message.objects.filter(recipient=story.world.liming).get().subject
    assert subject == "【督查室提醒】2026年03月报告已于2026-04-08截止，尚未报送"
    assert Message.objects.get(recipient=story.world.liming).kind == "chase"


def test_when_every_lead_unit_has_reported_there_is_no_one_to_remind(world, today):
    today(D(2026, 4, 3))
    file(world, world.period("month", 3))
    office = login(world.wangfang)
    page = office.get("/overview/").content.decode()
    assert "牵头单位均已报送" in page
    assert 'data-action="remind"' not in page
    response = office.post("/overview/remind/", {"region": world.plan.region_id}, follow=True)
    assert "没有新的提醒" in response.content.decode()
    assert Message.objects.count() == 0


def test_a_unit_s_name_in_the_counts_table_is_text_not_markup(story):
    w = story.world
    type(w.fagai).objects.filter(pk=w.fagai.pk).update(name="发改<局>&")
    page = login(w.wangfang).get("/overview/").content.decode()
    assert '<th scope="row">发改&lt;局&gt;&amp;</th>' in page
    assert "发改<局>" not in page
