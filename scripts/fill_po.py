"""Write the German msgstr entries of src/teilhabe/locale/de/LC_MESSAGES/django.po from
scripts/de_translations*.py (the only source of German); run after `make messages`."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from de_translations import DE

# Each area may keep its translations in scripts/de_translations_<area>.py (a DE dict).
for extra in sorted(Path(__file__).parent.glob("de_translations_*.py")):
    DE.update(importlib.import_module(extra.stem).DE)

PO = Path(__file__).parents[1] / "src/teilhabe/locale/de/LC_MESSAGES/django.po"


def unquote(lines: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines)).encode().decode("unicode_escape")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    missing = []
    out = []
    for block in blocks:
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m or unquote(m.group(1)) == "":
            out.append(block)
            continue
        msgid = m.group(1)
        key = bytes(unquote(msgid), "latin-1").decode("utf-8")
        # The DE dicts are the only source of German: makemessages' fuzzy guesses and
        # stale strings are dropped, so a wrong guess can never become a translation.
        block = re.sub(r"^#, fuzzy\n", "", block, flags=re.M)
        block = re.sub(r"^#, fuzzy, ", "#, ", block, flags=re.M)
        value = DE.get(key)
        if value is None:
            missing.append(key)
            value = ("", "") if "msgid_plural" in block else ""
        if isinstance(value, tuple):
            block = re.sub(r'msgstr\[0\] (".*"\n?)+', f"msgstr[0] {quote(value[0])}\n", block)
            block = re.sub(r'msgstr\[1\] (".*"\n?)+', f"msgstr[1] {quote(value[1])}", block)
        else:
            block = re.sub(r'msgstr (".*"\n?)+', f"msgstr {quote(value)}", block)
        out.append(block.rstrip("\n"))
    PO.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    for key in missing:
        print(f"untranslated: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
