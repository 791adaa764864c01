"""The supervisor reads the parser's notes about a row in Chinese, looked up by their code."""

from django.utils import translation

import taskdoc
from targets.issues import describe_issue
from taskdoc.issues import ISSUE_TEXT


def test_known_notes_are_said_in_chinese():
    with translation.override("zh-hans"):
        assert describe_issue({"code": "seq_missing", "params": {}}) == "原表缺少序号，已按顺序推定"
        assert (
            describe_issue({"code": "cell_empty", "params": {"field": "lead_units"}})
            == "原表“牵头单位”一栏为空"
        )
        assert (
            describe_issue(
                {
                    "code": "prefix_elided",
                    "params": {"printed": "园区经发科、环安科", "expanded": "园区经发科, 园区环安科"},
                }
            )
            == "原表省略了共同前缀：园区经发科、环安科，已读作 园区经发科, 园区环安科"
        )


def test_every_code_taskdoc_can_report_has_a_chinese_text():
    with translation.override("zh-hans"):
        for code in ISSUE_TEXT:
            said = describe_issue({"code": code, "params": {"field": "co_units", "text": "甲"}})
            assert said != code, code
            assert any("\u4e00" <= ch <= "\u9fff" for ch in said), code


def test_an_issue_of_a_parsed_table_reaches_the_page_in_chinese():
    """郑敏 uploads a table whose last row has no co-unit; the page says so in Chinese."""
    plan = taskdoc.read(
        "序号\t具体任务\t牵头单位\t协办单位\n1\t建成体育公园。\t区文体旅局\t\n".encode(), filename="t.txt"
    )
    (issue,) = plan.tasks[0].issues
    with translation.override("zh-hans"):
        assert describe_issue({"code": issue.code, "params": issue.params}) == "原表“协办单位”一栏为空"


def test_a_note_stored_as_text_before_codes_is_still_said_in_chinese():
    with translation.override("zh-hans"):
        assert describe_issue("number missing in source") == "原表缺少序号，已按顺序推定"


def test_an_unknown_note_is_shown_as_it_came():
    with translation.override("zh-hans"):
        assert describe_issue("something new") == "something new"
