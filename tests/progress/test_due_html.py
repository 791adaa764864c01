"""我的待办's lines are made in Python (progress.views.due_html): byte for byte what the template's loops wrote,
for every kind of line, in both languages, with text that must be escaped. The loops are kept here as they
were in progress/_due_list.html."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from orgs.models import Unit
from progress.due import DueRow, ReportNote, TaskBrief
from progress.models import Period
from progress.rules import DueItem
from progress.views import due_html
from progress.views.filing import CSRF_MARK

WORDS = (
    '{% load i18n l10n %}{% translate "overdue" as t_overdue %}{% translate "Due" as t_due %}'
    '{% translate "Task" as t_task %}{% translate "Period" as t_period %}{% translate "What to do" as t_what %}'
    '{% translate "File report" as t_file %}{% translate "co-unit too: your report covers it" as t_also_co %}'
    '{% translate "No change this month: file it" as t_no_change %}'
    '{% translate "Files your last report, accepted by the office, again for this period, unchanged." as '
    "t_no_change_note %}"
    '{% translate "Read and sign off" as t_sign %}{% translate "Add your unit\'s input" as t_add %}'
    "{% localize off %}"
)
RETURNED = """{% for row in returned %}
  <tr class="due-item returned{% if row.item.overdue %} overdue{% endif %}" data-task="{{ row.task.pk }}" data-period="{{ row.period.pk }}" data-action="fix">
    <td data-label="{{ t_due }}">{{ row.due }}{% if row.item.overdue %} <span class="badge red">{{ t_overdue }}</span>{% endif %}</td>
    <td data-label="{{ t_task }}">{{ row.task.seq }}. {{ row.task.short }}<div class="muted">{{ row.unit.name }}</div></td>
    <td data-label="{{ t_period }}">{{ row.label }}</td>
    <td data-label="{{ t_what }}">
      <div class="returned-note"><span class="badge red">{% translate "returned" %}</span> <span class="quote">{{ row.report.review_comment }}</span>{% if row.report.returned_by %} <span class="muted">— {{ row.report.returned_by }}</span>{% endif %}</div>
      <a class="button primary" href="{{ row.url }}">{% translate "Fix and file again" %}</a>
    </td>
  </tr>
  {% endfor %}{% endlocalize %}"""
LEAD = """{% for row in lead %}
  <tr class="due-item{% if row.item.overdue %} overdue{% endif %}" data-task="{{ row.task.pk }}" data-period="{{ row.period.pk }}" data-action="{{ row.item.action }}">
    <td data-label="{{ t_due }}">{{ row.due }}{% if row.item.overdue %} <span class="badge red">{{ t_overdue }}</span>{% endif %}{% if row.period.provisional %} <span class="badge">{% translate "provisional" %}</span>{% endif %}</td>
    <td data-label="{{ t_task }}">{{ row.task.seq }}. {{ row.task.short }}<div class="muted">{{ row.unit.name }}{% if row.item.also_co %} · {{ t_also_co }}{% endif %}</div></td>
    <td data-label="{{ t_period }}">{{ row.label }}</td>
    <td data-label="{{ t_what }}"><div class="actions">
    {% if row.item.action == "file" %}
      <a class="button primary" href="{{ row.url }}">{{ t_file }}</a>
      {% if row.item.no_change %}
      <form method="post" action="{{ row.no_change_url }}" class="no-change-form">{% csrf_token %}
        <button type="submit" class="no-change">{{ t_no_change }}</button>
        <span class="muted">{{ t_no_change_note }}</span>
      </form>
      {% endif %}
    {% else %}
      <a class="button primary" href="{{ row.url }}">{{ t_sign }}</a>
    {% endif %}
    </div></td>
  </tr>
  {% endfor %}{% endlocalize %}"""
CO_ITEMS = """{% for row in rows %}
    <li class="due-item{% if row.item.overdue %} overdue{% endif %}" data-task="{{ row.task.pk }}" data-period="{{ row.period.pk }}" data-action="co_input">{{ row.task.seq }}. {{ row.task.short }} · {{ row.due }}{% if row.item.overdue %} <span class="badge red">{{ t_overdue }}</span>{% endif %}
      <a href="{{ row.url }}">{{ t_add }}</a></li>
  {% endfor %}{% endlocalize %}"""

HOSTILE = "<b>\"A&B\"</b> 'x' {{ y }} %s"  # what a unit could type into a comment or a task


def _period(pk: int, *, provisional: bool) -> Period:
    start = dt.date(2026, pk % 12 + 1, 1)
    return Period(
        pk=pk,
        kind="month",
        start=start,
        end=start + dt.timedelta(days=27),
        due_date=start + dt.timedelta(days=34),
        provisional=provisional,
    )


def _rows() -> list[DueRow]:
    """Every kind of line: returned (with and without who returned it), to file (with "no change", also a
    co-unit, overdue), to sign off, a co-unit's; plain and hostile text; provisional periods."""
    rows = []
    for n in range(12):
        action = ("fix", "file", "sign_off", "co_input")[n % 4]
        text = HOSTILE * 3 if n % 3 == 0 else "全区生产总值增长5.5%左右，力争更好结果。" * (1 + n % 5)
        item = DueItem(
            task_id=100 + n,
            period_id=20 + n % 3,
            unit_id=7,
            kind="month",
            due_date=dt.date(2026, 12, 1 + n),
            overdue=n % 2 == 0,
            action=action,
            report_id=900 + n if action in ("fix", "sign_off") else None,
            seq=n + 1,
            also_co=n % 5 == 1,
            no_change=n % 3 == 1,
        )
        note = ReportNote(
            900 + n, 2, HOSTILE if n % 2 else "请补充投资完成数据。", HOSTILE if n % 8 == 0 else ""
        )
        rows.append(
            DueRow(
                item=item,
                task=TaskBrief(100 + n, n + 1, text),
                period=_period(20 + n % 3, provisional=n % 3 == 2),
                unit=Unit(pk=7, name="区发改局" if n % 2 else HOSTILE),
                report=note if action == "fix" else None,
                label=f"2026年{n + 1}月报告" if n % 4 else HOSTILE,
                url=f"/tasks/{100 + n}/periods/{20 + n % 3}/report/",
                no_change_url=f"/tasks/{100 + n}/periods/{20 + n % 3}/no-change/" if n % 3 == 1 else "",
            )
        )
    return rows


def _loop(template: str, **context: Any) -> str:
    return Template(WORDS + template).render(Context({**context, "csrf_token": CSRF_MARK}))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_lines_are_what_the_template_wrote(language):
    rows = _rows()
    returned = [r for r in rows if r.item.action == "fix"]
    lead = [r for r in rows if r.item.action in ("file", "sign_off")]
    co = [r for r in rows if r.item.action == "co_input"]
    with translation.override(language):
        assert due_html.returned_rows(returned) == _loop(RETURNED, returned=returned)
        assert due_html.lead_rows(lead, CSRF_MARK) == _loop(LEAD, lead=lead)
        assert due_html.co_unit_items(co) == _loop(CO_ITEMS, rows=co)
        assert due_html.lead_rows([], CSRF_MARK) == _loop(LEAD, lead=[]) == ""


def test_typed_text_is_escaped_never_markup():
    html = due_html.lead_rows(_rows(), CSRF_MARK) + due_html.returned_rows(_rows())
    assert "<b>" not in html
    assert "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#x27;x&#x27;" in html
