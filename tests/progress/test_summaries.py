"""Half-year and annual summaries: 100–150 characters, counted as the notice counts them."""

import datetime as dt

import pytest

from progress.models import ProgressReport
from progress.rules import count_chars
from tests.progress.factories import SUMMARY_120

pytestmark = pytest.mark.django_db


def test_every_visible_character_counts_one_and_whitespace_does_not():
    assert count_chars("GDP增长5.5%。") == 10
    assert count_chars("增长，  完成！\n（全年）") == 10
    assert count_chars("\u3000增长\u200b\ufeff") == 2  # full-width space, zero-width space, BOM
    assert count_chars("") == 0


def summary(n: int) -> str:
    text = ("上半年重点项目完成投资12.5亿元，新增规上企业8家，“十五五”规划编制有序推进。" * 5)[:n]
    assert count_chars(text) == n
    return text


def post_summary(client, world, text):
    half = world.period("half_year")
    return client.post(
        f"/tasks/{world.task.pk}/periods/{half.pk}/report/",
        {"status": "on_track", "percent": "50", "text": text},
    )


@pytest.mark.parametrize("n", [99, 151])
def test_a_summary_of_99_or_151_characters_is_refused_saying_how_many_it_has(client, world, today, n):
    today(dt.date(2026, 6, 10))
    client.force_login(world.liming)
    response = post_summary(client, world, summary(n))
    assert response.status_code == 200
    assert f"总结应为100–150字，现为{n}字" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("n", [100, 150])
def test_a_summary_of_100_or_150_characters_is_filed(client, world, today, n):
    today(dt.date(2026, 6, 10))
    client.force_login(world.liming)
    assert post_summary(client, world, summary(n)).status_code == 302
    assert count_chars(ProgressReport.objects.get().text) == n


def test_spaces_do_not_pad_a_short_summary(client, world, today):
    client.force_login(world.liming)
    response = post_summary(client, world, " ".join(summary(99)))
    assert "现为99字" in response.content.decode()


def test_the_summary_form_has_a_live_counter_with_the_rule_in_words(client, world, today):
    client.force_login(world.liming)
    html = client.get(
        f"/tasks/{world.task.pk}/periods/{world.period('half_year').pk}/report/"
    ).content.decode()
    assert "data-count-chars" in html
    assert 'id="char-count"' in html
    assert "progress/report.js" in html
    assert "每个汉字、标点符号、字母、数字各计1字，空格和换行不计" in html
    assert "总结（100–150字）" in html


def test_a_monthly_report_has_no_counter_and_no_length_rule(client, world, today):
    client.force_login(world.liming)
    html = client.get(
        f"/tasks/{world.task.pk}/periods/{world.period('month', 3).pk}/report/"
    ).content.decode()
    assert "data-count-chars" not in html


def test_a_summary_waits_for_the_unit_leaders_sign_off(client, world, today):
    client.force_login(world.liming)
    post_summary(client, world, SUMMARY_120)
    assert ProgressReport.objects.get().state == "pending_signoff"


def test_the_office_may_let_summaries_go_straight_to_review(client, world, today):
    from progress import services

    services.save_calendar_config(
        plan=world.plan, by=world.wangfang, values={"summaries_need_signoff": False}
    )
    client.force_login(world.liming)
    post_summary(client, world, SUMMARY_120)
    assert ProgressReport.objects.get().state == "filed"
