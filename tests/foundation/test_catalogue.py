"""Every string the UI shows has its Chinese translation: no empty or guessed (fuzzy) entries."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(po):
    text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text, f"{po}: guessed translations need a person's check"
    entries = re.split(r"\n\n+", text)
    empty = []
    for entry in entries[1:]:
        if entry.lstrip().startswith("#~"):
            continue
        unfilled = re.search(r'^msgstr ""\s*$', entry, re.M) and not re.search(r'^msgstr ""\n"', entry, re.M)
        if unfilled and "msgid_plural" not in entry:
            empty.append(entry)
    assert not empty, f"{po}: untranslated: {empty[:5]}"
