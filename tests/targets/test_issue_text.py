"""The supervisor reads the parser's notes about a row in Chinese."""

from django.utils import translation

from targets.issues import describe_issue


def test_known_notes_are_said_in_chinese():
    with translation.override("zh-hans"):
        assert describe_issue("number missing in source") == "原表缺少序号，已按顺序推定"
        assert describe_issue("lead_units cell empty in source") == "原表“牵头单位”一栏为空"
        assert (
            describe_issue(
                "shared prefix elided in source: 园区经发科、环安科 (expanded to 园区经发科, 园区环安科)"
            )
            == "原表省略了共同前缀：园区经发科、环安科，已读作 园区经发科, 园区环安科"
        )


def test_an_unknown_note_is_shown_as_it_came():
    with translation.override("zh-hans"):
        assert describe_issue("something new") == "something new"
