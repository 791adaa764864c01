"""Tags for targeted supervision (靶向督查), inferred from a task's section headings and text. Pure."""

from __future__ import annotations

from collections.abc import Sequence

KEY_INDICATOR, KEY_PROJECT, REFORM, LIVELIHOOD = "key_indicator", "key_project", "reform", "livelihood"
TAGS = (KEY_INDICATOR, KEY_PROJECT, REFORM, LIVELIHOOD)
# tags that keep a task on monthly reporting (RULES.md: quarterly only for green, untagged-as-key tasks)
KEY_TAGS = frozenset({KEY_INDICATOR, KEY_PROJECT, LIVELIHOOD})

_HEADING_WORDS = {
    KEY_INDICATOR: ("预期目标", "主要指标", "经济社会发展", "主要目标"),
    KEY_PROJECT: ("重点项目", "项目建设", "重大项目"),
    REFORM: ("改革",),
    LIVELIHOOD: ("民生实事", "为民办实事", "惠民实事", "民生"),
}
_TEXT_WORDS = {
    KEY_INDICATOR: (
        "地区生产总值",
        "GDP",
        "规上工业增加值",
        "固定资产投资",
        "社会消费品零售总额",
        "一般公共预算收入",
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
        "进出口",
        "实际利用外资",
    ),
    KEY_PROJECT: ("重点项目", "开工建设", "竣工投产", "项目建设", "建成投用", "投资额", "亿元的项目"),
    REFORM: ("改革", "试点", "体制机制", "放管服"),
    LIVELIHOOD: (
        "民生实事",
        "就业",
        "养老",
        "托育",
        "学位",
        "医疗",
        "棚户区",
        "老旧小区",
        "保障性住房",
        "食堂",
    ),
}


def infer_tags(text: str, section_path: Sequence[str] = ()) -> list[str]:
    """The tags a task's headings and sentence suggest, in a fixed order; [] when nothing fits."""
    headings = " ".join(section_path)
    found = [
        tag
        for tag in TAGS
        if any(w in headings for w in _HEADING_WORDS[tag]) or any(w in text for w in _TEXT_WORDS[tag])
    ]
    return found
