"""The tables' naming habits: a unit's kind from its suffix, a group's members, an office's parent."""

from __future__ import annotations

import pytest

from orgs.models import Unit
from orgs.services import group_member_kinds, infer_unit_kind, parent_unit_name, short_unit_name

K = Unit.Kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("后龙镇", K.TOWN),
        ("山腰街道", K.TOWN),
        ("临江街道办事处", K.TOWN),
        ("江南城建集团", K.COMPANY),
        ("大众公交公司", K.COMPANY),
        ("园区经发科", K.PARK),
        ("古城保护发展指挥部", K.PARK),
        ("高新区管委会", K.PARK),
        ("各镇（街道）", K.GROUP),
        ("区直有关单位", K.GROUP),
        ("相关区属国有企业", K.GROUP),
        ("区属国有企业", K.GROUP),
        ("各街道社区卫生服务中心", K.GROUP),
        ("发改局", K.DEPARTMENT),
        ("区委政法委员会", K.DEPARTMENT),
        ("财政局（国资办）", K.DEPARTMENT),
    ],
)
def test_kind_from_name(name, kind):
    assert infer_unit_kind(name) == kind


def test_group_members():
    assert group_member_kinds("各镇（街道）") == {K.TOWN}
    assert group_member_kinds("沿海相关镇（街道）") == {K.TOWN}
    assert group_member_kinds("区属各国有企业") == {K.COMPANY}
    assert group_member_kinds("园区相关科室") == {K.PARK}
    assert group_member_kinds("区直有关单位") == {K.DEPARTMENT}
    assert group_member_kinds("各重点项目承办单位") == set()  # a person picks them in the admin


def test_parent_and_short_names():
    assert parent_unit_name("财政局（国资办）") == "财政局"
    assert parent_unit_name("财政局") is None
    assert short_unit_name("区发改局") == "发改局"
    assert short_unit_name("区委宣传部") == ""


def test_two_printed_names_of_one_new_unit_share_it():
    from ingest.unitmap import same_as

    names = ["区发改局", "区财政局", "區發展和改革局", "财政局", "区教育局", "市教育局", "财政局（国资办）"]
    assert same_as(names, dict.fromkeys(names)) == {"區發展和改革局": "区发改局", "财政局": "区财政局"}
