"""The German catalogue is complete and in step with the source.

German lives in src/teilhabe/locale/de/LC_MESSAGES/django.po: `make messages` extracts the
msgids (`--extract` here, so the makemessages arguments exist once), people translate in
the .po. This check fails on
- an untranslated or fuzzy entry, or an obsolete (#~) one;
- a msgid that extraction finds but the .po lacks, or a .po entry no longer in the source
  (makemessages runs on a copy, the committed file is never touched);
- a string marked in a way extraction cannot see: a gettext function under another name
  (`L = gettext_lazy`, `import gettext_lazy as _l`), a call whose message is not a literal,
  or a translate tag in a file whose extension is not extracted.
Usage: `python scripts/check_messages.py [--extract]`; exit status 1 lists the problems.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "teilhabe"
PO = SRC / "locale" / "de" / "LC_MESSAGES" / "django.po"
EXTENSIONS = ("html", "txt", "md", "py")
MAKEMESSAGES = ["makemessages", "-l", "de", "--no-obsolete", "--add-location", "file"]
MAKEMESSAGES += ["-e", ",".join(EXTENSIONS)]

# Names xgettext knows by default or through Django's makemessages; the value says which
# positional argument holds the message (the one before it is the context).
GETTEXT = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
TEMPLATE_TAG = re.compile(r"{%-?\s*(trans|translate|blocktrans|blocktranslate)\b")
TEMPLATE_VARIABLE_TAG = re.compile(r"{%\s*(?:trans|translate)\s+(?![\"'_])(\S+)")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def __str__(self) -> str:
        ctx = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"{self.msgid!r}{ctx}"


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file as GNU gettext writes it (header included, msgid "")."""
    entries: list[Entry] = []
    current: Entry | None = None
    target = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#~"):
            current.obsolete = True
            continue
        if line.startswith("#,"):
            current.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, value = line.partition(" ")
        if keyword.startswith('"'):
            value, keyword = line, target
        text = ast.literal_eval(value)
        if keyword == "msgid" or keyword == "msgctxt":
            setattr(current, keyword, (getattr(current, keyword) or "") + text)
        elif keyword.startswith("msgstr"):
            if keyword != target:
                current.msgstr.append("")
            current.msgstr[-1] += text
        target = keyword
    return [e for e in entries if e.msgstr or e.obsolete]


def catalogue_problems(entries: list[Entry]) -> list[str]:
    problems = []
    for e in entries:
        where = f"django.po:{e.line}"
        if e.obsolete:
            problems.append(f"{where}: obsolete entry (#~), delete it")
        elif "fuzzy" in e.flags:
            problems.append(f"{where}: fuzzy {e} - check the German, then drop the flag")
        elif e.msgid and not all(e.msgstr):
            problems.append(f"{where}: untranslated {e}")
    if shutil.which("msgfmt"):
        # Placeholders of python-format/python-brace-format strings must match.
        run = subprocess.run(
            ["msgfmt", "--check-format", "-o", os.devnull, str(PO)],
            capture_output=True,
            text=True,
        )
        problems += [f"msgfmt: {line}" for line in run.stderr.splitlines() if line]
    return problems


def extract(cwd: Path, locale: Path | None = None) -> None:
    """Run makemessages in `cwd`; with `locale`, write there instead of LOCALE_PATHS."""
    env = dict(os.environ)
    if locale is not None:
        settings = cwd.parent / "check_messages_settings.py"
        settings.write_text(
            f"from teilhabe.settings import *  # noqa\nLOCALE_PATHS = [{str(locale)!r}]\n"
        )
        env["DJANGO_SETTINGS_MODULE"] = settings.stem
        env["PYTHONPATH"] = os.pathsep.join([str(cwd.parent), env.get("PYTHONPATH", "")])
    env.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    subprocess.run(
        [sys.executable, "-m", "django", *MAKEMESSAGES, "-v0"],
        cwd=cwd,
        env=env,
        check=True,
    )


def extraction_problems(committed: list[Entry]) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "teilhabe"
        wanted = {f"*.{ext}" for ext in EXTENSIONS} | {"*.po"}
        shutil.copytree(SRC, copy, ignore=_keep_only(wanted))
        extract(copy, copy / "locale")
        extracted = read_po(copy / "locale" / "de" / "LC_MESSAGES" / "django.po")
    have = {e.key for e in committed if e.msgid and not e.obsolete}
    found = {e.key: e for e in extracted if e.msgid}
    problems = [
        f"in the source, not in the .po: {found[k]}" for k in sorted(found.keys() - have, key=str)
    ]
    gone = [e for e in committed if e.msgid and not e.obsolete and e.key not in found]
    problems += [f"django.po:{e.line}: no longer in the source: {e}" for e in gone]
    return problems


def _keep_only(patterns: set[str]):  # type: ignore[no-untyped-def]
    def ignore(directory: str, names: list[str]) -> list[str]:
        keep = shutil.ignore_patterns(*patterns)(directory, names)
        return [n for n in names if n not in keep and not (Path(directory) / n).is_dir()]

    return ignore


def marking_problems() -> list[str]:
    problems = []
    for path in sorted(SRC.rglob("*")):
        if not path.is_file() or "locale" in path.relative_to(SRC).parts:
            continue
        rel = path.relative_to(SRC)
        if path.suffix == ".py" and "migrations" not in rel.parts:
            problems += [f"{rel}:{n}: {msg}" for n, msg in _python_marks(path)]
        elif path.suffix in {".html", ".txt", ".md", ".xml", ".js", ".json", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in TEMPLATE_TAG.finditer(text):
                n = text.count("\n", 0, match.start()) + 1
                if path.suffix.lstrip(".") not in EXTENSIONS:
                    problems.append(
                        f"{rel}:{n}: translate tag in a .{path.suffix[1:]} file, "
                        "which makemessages does not read (scripts/check_messages.py "
                        "EXTENSIONS)"
                    )
            for match in TEMPLATE_VARIABLE_TAG.finditer(text):
                n = text.count("\n", 0, match.start()) + 1
                problems.append(
                    f"{rel}:{n}: translate tag of a variable ({match.group(1)}) - "
                    "extraction cannot see its text"
                )
    return problems


def _python_marks(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in GETTEXT and alias.asname not in (None, "_"):
                    found.append(
                        (
                            node.lineno,
                            f"{alias.name} imported as {alias.asname}: "
                            "makemessages does not see that name",
                        )
                    )
        elif isinstance(node, ast.Assign | ast.AnnAssign) and _gettext_name(node.value):
            found.append(
                (
                    node.lineno,
                    f"{_gettext_name(node.value)} under another name: call it by its own name",
                )
            )
        elif isinstance(node, ast.Call) and (name := _gettext_name(node.func)):
            index = GETTEXT[name]
            args = node.args
            if len(args) > index and not _literal(args[index]):
                found.append(
                    (
                        node.lineno,
                        f"{name}() of a non-literal: extraction cannot see "
                        "the text (mark the literal where it is written)",
                    )
                )
    return found


def _gettext_name(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Name) and node.id in GETTEXT and node.id != "_":
        return node.id
    if isinstance(node, ast.Attribute) and node.attr in GETTEXT and node.attr != "_":
        return node.attr
    if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Load):
        return "_"
    return None


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def main(argv: list[str]) -> int:
    if "--extract" in argv:
        extract(SRC)
    committed = read_po(PO)
    problems = catalogue_problems(committed) + extraction_problems(committed)
    problems += marking_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) with the German catalogue {PO}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
