"""Numbers as Chinese government texts write them: Arabic, Chinese, and with a magnitude (1.2万, 三千)."""

from __future__ import annotations

import re

# Full-width ASCII (！ to ～) becomes half-width; the ideographic space becomes a space. One character
# for one character, so offsets into the normalised text are offsets into the original text.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# A magnitude folded into the value (3千人 is 3000 人).
FOLDED_MAGNITUDES = {"千": 1000.0, "百": 100.0}


def to_halfwidth(text: str) -> str:
    """The text with full-width digits, letters and punctuation made half-width; same length."""
    return text.translate(_HALFWIDTH)


_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CHINESE_YEAR = re.compile(r"[一二][〇零一二三四五六七八九]{3}(?=\s*年)")


def arabic_years(text: str) -> str:
    """Years written in Chinese digits (二〇三〇年) in Arabic digits; same length, so offsets still hold."""
    return _CHINESE_YEAR.sub(lambda m: m.group().translate(_YEAR_DIGITS), text)


def parse_arabic(digits: str) -> float | None:
    """'1,200' → 1200.0, '5.5' → 5.5; None for anything else."""
    cleaned = digits.replace(",", "").replace(" ", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def parse_chinese(numeral: str) -> float | None:
    """'三千' → 3000, '十五' → 15, '一万二千' → 12000, '两' → 2; None if the characters don't form a number."""
    if not numeral or any(
        ch not in CHINESE_DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in numeral
    ):
        return None
    total = 0
    section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in CHINESE_DIGITS:
            if digit is not None and digit != 0 and CHINESE_DIGITS[ch] != 0:
                return None  # '三五' is a range or a name, not a number
            digit = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def split_magnitude(numeral: str) -> tuple[str, str]:
    """A Chinese numeral's trailing 万/亿, kept in the unit like an Arabic number's: '两万' → ('两', '万')."""
    for magnitude in ("万亿", "亿", "万"):
        if numeral.endswith(magnitude) and len(numeral) > len(magnitude):
            return numeral[: -len(magnitude)], magnitude
    return numeral, ""


def plan_end_year(ordinal: int) -> int | None:
    """The last year of the nth five-year plan: 14 → 2025, 15 → 2030. Regular from the third plan on."""
    if ordinal < 3:
        return None
    return 1970 + 5 * (ordinal - 3)
