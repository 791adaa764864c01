"""Text folding for matching: full-width ASCII to half-width, Traditional to Simplified.

Folding is only ever used to *recognise* words (headers, labels, unit suffixes, headings); what taskdoc
returns is the text as printed. `fold` keeps the length of its input, so an index found in the folded
text is valid in the original.
"""

from __future__ import annotations

import re

# Traditional characters that occur in the words taskdoc recognises (headers, labels, unit suffixes,
# heading markers, group phrases). Mapping them is enough to read a table printed in Traditional script.
_TRADITIONAL = (
    "號号體体務务牽牵頭头單单責责協协辦办與与領领導导時时間间節节點点參参區区縣县鎮镇揮挥會会專专團团"
    "處处組组織织機机關关長长聯联衛卫財财稅税勞劳動动農农發发經经濟济環环監监據据統统計计產产業业資资"
    "國国開开設设廳厅館馆學学醫医隊队場场臺台廠厂總总執执紀纪檢检黨党員员門门項项層层級级應应運运輸输"
    "規规劃划為为實实現现標标準准達达進进強强續续鄉乡來来導导屬属嚴严驗验線线廣广東东區区僑侨聯联婦妇"
    "殘残貿贸護护鐵铁軍军稅税務务辦办間间鄰邻務务報报題题傳传設设據据備备註注頁页共共責责併并點点體体"
    "營营衛卫費费歸归權权發发聲声態态際际係系網网絡络區区層层審审計计購购倉仓儲储質质檢检糧粮穩稳"
    "於于佈布瀏浏覽览數数閉闭窗窗處处舊旧樓楼稱称書书記记歲岁電电話话"
)
_TABLE: dict[int, int] = {ord(a): ord(b) for a, b in zip(_TRADITIONAL[::2], _TRADITIONAL[1::2], strict=True)}
_TABLE.update({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})  # full-width ASCII
_TABLE.update({0x3000: 0x20, 0x3001: 0x3001})  # ideographic space; keep 、 as it is

_WHITESPACE = re.compile(r"[\s\u3000\u00a0]+")


def fold(text: str) -> str:
    """Return `text` with full-width ASCII made half-width and Traditional characters made Simplified."""
    return text.translate(_TABLE)


def squash(text: str) -> str:
    """Remove every kind of whitespace (headers may be printed spaced out: 工 作 任 务)."""
    return _WHITESPACE.sub("", text)


def full_brackets(text: str) -> str:
    """Half-width parentheses become full-width, as unit names are written."""
    return text.replace("(", "（").replace(")", "）")


def clean_line(text: str) -> str:
    """Strip a line, including non-breaking and ideographic spaces."""
    return text.strip(" \t\r\n\u3000\u00a0\ufeff")


def words(text: str) -> tuple[str, ...]:
    """A word list written as one space-separated string."""
    return tuple(text.split())
