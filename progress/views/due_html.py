"""我的待办's lines made here, one pass per list (progress/_due_list.html puts them in its tables).

A liaison's list has dozens of lines and the template spent a dozen nodes on each: rendering it again after
each of the unit's filings was most of the deadline day's page time. The output is byte for byte what the
template's loops wrote (tests/progress/test_due_html.py holds the loops and compares); every value from the
data goes through `escape`, what the template's autoescape applied (the catalogue's words do not, as in the
template).
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from progress.due import DueRow


def _words() -> dict[str, str]:
    """The list's words in the active language (our own catalogue's: not escaped, as `{% translate %}` does not)."""
    return {
        "overdue": _("overdue"),
        "due": _("Due"),
        "task": _("Task"),
        "period": _("Period"),
        "what": _("What to do"),
    }


def _task_cells(row: DueRow, w: dict[str, str], *, also: str = "", provisional: str = "") -> str:
    """The line's first three cells: due date (overdue, provisional), task and unit (also a co-unit), period."""
    overdue = f' <span class="badge red">{w["overdue"]}</span>' if row.item.overdue else ""
    return (
        f'    <td data-label="{w["due"]}">{escape(row.due)}{overdue}{provisional}</td>\n'
        f'    <td data-label="{w["task"]}">{row.task.seq}. {escape(row.task.short)}'
        f'<div class="muted">{escape(row.unit.name)}{also}</div></td>\n'
        f'    <td data-label="{w["period"]}">{escape(row.label)}</td>\n'
    )


def returned_rows(rows: list[DueRow]) -> SafeString:
    """The <tr>s of the returned reports: fix and file again."""
    w = _words()
    returned, fix = _("returned"), _("Fix and file again")
    out = []
    for row in rows:
        note = row.report
        comment = escape(note.review_comment) if note else ""
        by = f' <span class="muted">— {escape(note.returned_by)}</span>' if note and note.returned_by else ""
        overdue = " overdue" if row.item.overdue else ""
        out.append(
            f'\n  <tr class="due-item returned{overdue}" data-task="{row.task.pk}" data-period="{row.period.pk}"'
            ' data-action="fix">\n' + _task_cells(row, w) + f'    <td data-label="{w["what"]}">\n'
            f'      <div class="returned-note"><span class="badge red">{returned}</span> '
            f'<span class="quote">{comment}</span>{by}</div>\n'
            f'      <a class="button primary" href="{escape(row.url)}">{fix}</a>\n'
            "    </td>\n"
            "  </tr>\n  "
        )
    return SafeString("".join(out))


def lead_rows(rows: list[DueRow], csrf_token: str) -> SafeString:
    """The <tr>s of the reports to file (or to sign off), with "no change" where it is offered."""
    w = _words()
    provisional = f' <span class="badge">{_("provisional")}</span>'
    file_, sign = _("File report"), _("Read and sign off")
    also_co = f" · {_('co-unit too: your report covers it')}"
    no_change = _("No change this month: file it")
    note = _("Files your last report, accepted by the office, again for this period, unchanged.")
    token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
    out = []
    for row in rows:
        item = row.item
        if item.action == "file":
            form = (
                f'\n      <form method="post" action="{escape(row.no_change_url)}" class="no-change-form">{token}\n'
                f'        <button type="submit" class="no-change">{no_change}</button>\n'
                f'        <span class="muted">{note}</span>\n'
                "      </form>\n      "
                if item.no_change
                else ""
            )
            action = (
                f'\n      <a class="button primary" href="{escape(row.url)}">{file_}</a>\n      {form}\n    '
            )
        else:
            action = f'\n      <a class="button primary" href="{escape(row.url)}">{sign}</a>\n    '
        overdue = " overdue" if item.overdue else ""
        cells = _task_cells(
            row,
            w,
            also=also_co if item.also_co else "",
            provisional=provisional if row.period.provisional else "",
        )
        out.append(
            f'\n  <tr class="due-item{overdue}" data-task="{row.task.pk}" data-period="{row.period.pk}"'
            f' data-action="{escape(item.action)}">\n'
            + cells
            + f'    <td data-label="{w["what"]}"><div class="actions">\n    {action}\n    </div></td>\n'
            "  </tr>\n  "
        )
    return SafeString("".join(out))


def co_unit_items(rows: list[DueRow]) -> SafeString:
    """The <li>s of one co-unit group: add the unit's part to the lead unit's report."""
    overdue_badge = f' <span class="badge red">{_("overdue")}</span>'
    add = _("Add your unit's input")
    out = []
    for row in rows:
        overdue = row.item.overdue
        out.append(
            f'\n    <li class="due-item{" overdue" if overdue else ""}" data-task="{row.task.pk}"'
            f' data-period="{row.period.pk}" data-action="co_input">{row.task.seq}. {escape(row.task.short)}'
            f" · {escape(row.due)}{overdue_badge if overdue else ''}\n"
            f'      <a href="{escape(row.url)}">{add}</a></li>\n  '
        )
    return SafeString("".join(out))
