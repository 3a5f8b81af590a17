"""Malformed Maßnahme-Karrieren input and the careers_check command line."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from teilhabe.trajectories.careers import InputError, Rules, parse_input, run
from teilhabe.trajectories.cli import main
from tests.trajectories.builders import TODAY, document, part


def _broken(mutate: Any) -> InputError:
    doc = document(
        [part("a", "2024-01-01", "2024-02-01"), part("b", "2024-03-01", None)],
        case_active=True,
        intake="2023-12-01",
    )
    mutate(doc)
    with pytest.raises(InputError) as caught:
        run(doc)
    return caught.value


def _first_part(doc: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = doc["persons"][0]["participations"][0]
    return result


@pytest.mark.parametrize(
    ("field", "mutate"),
    [
        ("outcome", lambda d: _first_part(d).pop("outcome")),
        ("level", lambda d: _first_part(d).pop("level")),
        ("outcome", lambda d: _first_part(d).update(outcome="done")),
        ("transition", lambda d: _first_part(d).update(transition="retirement")),
        ("level", lambda d: _first_part(d).update(level="D1")),
        ("level", lambda d: _first_part(d).update(level="a2")),
        ("start", lambda d: _first_part(d).update(start="2024-02-30")),
        ("start", lambda d: _first_part(d).update(start="01.01.2024")),
        ("start", lambda d: _first_part(d).update(start="20240101")),
        ("end", lambda d: _first_part(d).update(end="2023-12-31")),
        ("end", lambda d: _first_part(d).update(end=None)),
        ("end", lambda d: _first_part(d).update(outcome="ongoing")),
        ("certificate", lambda d: _first_part(d).update(certificate="yes")),
        ("category", lambda d: _first_part(d).update(category="")),
        ("category", lambda d: _first_part(d).update(category=7)),
        ("id", lambda d: d["persons"][0]["participations"][1].update(id="a")),
    ],
)
def test_a_malformed_participation_names_person_participation_and_field(
    field: str, mutate: Any
) -> None:
    error = _broken(mutate)
    assert error.field == field
    assert error.person == '"p-001"'
    assert error.participation == '"a"'
    assert str(error).startswith(f'Person "p-001", Teilnahme "a", Feld "{field}": ')


def test_end_before_start_reads_as_a_sentence() -> None:
    error = _broken(lambda d: _first_part(d).update(end="2023-12-31"))
    assert str(error) == 'Person "p-001", Teilnahme "a", Feld "end": Ende liegt vor dem Beginn'


def test_a_participation_without_id_is_named_by_its_position() -> None:
    error = _broken(lambda d: d["persons"][0]["participations"][1].pop("id"))
    assert str(error) == 'Person "p-001", Teilnahme Nr. 2, Feld "id": fehlt'


@pytest.mark.parametrize(
    ("field", "mutate"),
    [
        ("case_active", lambda d: d["persons"][0].pop("case_active")),
        ("case_active", lambda d: d["persons"][0].update(case_active=1)),
        ("intake", lambda d: d["persons"][0].update(intake="2024-13-01")),
        ("participations", lambda d: d["persons"][0].update(participations={})),
    ],
)
def test_a_malformed_person_field_names_the_person_and_field(field: str, mutate: Any) -> None:
    error = _broken(mutate)
    assert (error.person, error.participation, error.field) == ('"p-001"', None, field)


def test_a_duplicate_person_id_is_an_error() -> None:
    error = _broken(lambda d: d["persons"].append(dict(d["persons"][0])))
    assert str(error) == 'Person "p-001", Feld "id": doppelte Personen-ID'


@pytest.mark.parametrize(
    ("field", "mutate"),
    [
        ("today", lambda d: d.pop("today")),
        ("today", lambda d: d.update(today="heute")),
        ("persons", lambda d: d.pop("persons")),
        ("persons", lambda d: d.update(persons={"p-001": {}})),
        ("rules", lambda d: d.update(rules=[3])),
        ("rules.chain_lenght", lambda d: d.update(rules={"chain_lenght": 3})),
        ("rules.chain_length", lambda d: d.update(rules={"chain_length": 0})),
        ("rules.abort_run", lambda d: d.update(rules={"abort_run": True})),
        ("rules.waiting_days", lambda d: d.update(rules={"waiting_days": 183.0})),
        ("rules.lookback_months", lambda d: d.update(rules={"lookback_months": "36"})),
    ],
)
def test_a_malformed_document_field_is_named(field: str, mutate: Any) -> None:
    error = _broken(mutate)
    assert error.field == field
    assert error.person is None


def test_rules_and_each_rule_key_are_optional() -> None:
    _, rules, _ = parse_input({"today": TODAY, "persons": []})
    assert rules == Rules(chain_length=3, abort_run=2, waiting_days=183, lookback_months=36)
    _, rules, _ = parse_input({"today": TODAY, "rules": {"abort_run": 4}, "persons": []})
    assert rules == Rules(abort_run=4)


def test_a_document_that_is_not_an_object_is_an_error() -> None:
    with pytest.raises(InputError):
        parse_input([])


# --------------------------------------------------------------------------- CLI


def _cli(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err, stdin=io.StringIO(stdin))
    return status, out.getvalue(), err.getvalue()


def test_the_cli_prints_the_result_json_and_returns_zero(tmp_path: Path) -> None:
    doc = document([part("a", "2024-02-01", "2024-06-30", level="A2")], case_active=True)
    path = tmp_path / "input.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    status, out, err = _cli([str(path)])
    assert (status, err) == (0, "")
    assert json.loads(out) == run(doc)
    assert "Maßnahme" in out  # ensure_ascii=False keeps umlauts readable


def test_the_cli_reads_stdin_for_a_dash() -> None:
    status, out, err = _cli(["-"], json.dumps(document([])))
    assert (status, err) == (0, "")
    assert json.loads(out) == {"persons": [{"id": "p-001", "flagged": False, "findings": []}]}


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["-"], "{not json"),
        (["-"], ""),
        (["-"], "[" * 100_000),
        (["/nonexistent/input.json"], ""),
        ([], ""),
        (["a.json", "b.json"], ""),
        (["-"], json.dumps(document([part("a\nb", "2024-02-01", "2024-01-01")]))),
        (["-"], json.dumps({"today": TODAY, "persons": [{"id": "x"}]})),
    ],
)
def test_the_cli_rejects_malformed_input_with_one_stderr_line_and_status_two(
    argv: list[str], stdin: str
) -> None:
    status, out, err = _cli(argv, stdin)
    assert status == 2
    assert out == ""
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1


def test_the_cli_error_line_names_person_participation_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    doc = document([part("a", "2024-02-01", "2024-06-30", outcome="finished")])
    path.write_text(json.dumps(doc), encoding="utf-8")
    status, out, err = _cli([str(path)])
    assert (status, out) == (2, "")
    assert err.startswith('Person "p-001", Teilnahme "a", Feld "outcome": unbekannter Wert')


def test_the_cli_rejects_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"today": "\xe4"}')
    status, out, err = _cli([str(path)])
    assert (status, out, len(err.splitlines())) == (2, "", 1)
