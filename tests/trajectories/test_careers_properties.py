"""Properties of the Maßnahme-Karrieren rules over generated participations."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.trajectories.careers import (
    Level,
    Outcome,
    Participation,
    PersonInput,
    Rules,
    Transition,
    detect,
    lookback_start,
    order_key,
    progress_ids,
)

BASE = date(2022, 1, 1)
CATEGORIES = ["language_course", "internship", "mentoring"]
OUTCOMES: list[Outcome] = ["completed", "completed", "aborted", "ongoing"]
LEVEL_CHOICES: list[Level | None] = [None, "A1", "A2", "B1"]
TRANSITIONS: list[Transition | None] = [None, None, None, None, "school"]


@st.composite
def participations(draw: st.DrawFn) -> list[Participation]:
    ids = draw(st.lists(st.sampled_from("abcdefghijkl"), unique=True, max_size=9))
    result = []
    for ident in ids:
        # Coarse start grid so equal starts (ties in the order) and overlaps are common.
        start = BASE + timedelta(days=30 * draw(st.integers(0, 45)))
        outcome = draw(st.sampled_from(OUTCOMES))
        end = None if outcome == "ongoing" else start + timedelta(draw(st.integers(0, 200)))
        result.append(
            Participation(
                id=ident,
                category=draw(st.sampled_from(CATEGORIES)),
                level=draw(st.sampled_from(LEVEL_CHOICES)),
                start=start,
                end=end,
                outcome=outcome,
                certificate=draw(st.integers(0, 5)) == 0,
                transition=draw(st.sampled_from(TRANSITIONS)),
            )
        )
    return result


@st.composite
def cases(draw: st.DrawFn) -> tuple[PersonInput, Rules, date]:
    person = PersonInput(
        id="p",
        case_active=draw(st.booleans()),
        intake=draw(st.none() | st.integers(0, 1400).map(lambda d: BASE + timedelta(d))),
        participations=tuple(draw(participations())),
    )
    rules = Rules(
        chain_length=draw(st.integers(1, 4)),
        abort_run=draw(st.integers(1, 3)),
        waiting_days=draw(st.integers(1, 300)),
        lookback_months=draw(st.integers(1, 48)),
    )
    today = BASE + timedelta(draw(st.integers(900, 1700)))
    return person, rules, today


def _recent(person: PersonInput, rules: Rules, today: date) -> list[Participation]:
    cutoff = lookback_start(today, rules.lookback_months)
    return [
        p
        for p in sorted(person.participations, key=order_key)
        if p.end is not None and p.outcome != "ongoing" and p.end >= cutoff
    ]


@settings(max_examples=200, deadline=None)
@given(cases(), st.data())
def test_findings_do_not_depend_on_the_input_order_of_participations(
    case: tuple[PersonInput, Rules, date], data: st.DataObject
) -> None:
    person, rules, today = case
    shuffled = data.draw(st.permutations(person.participations))
    again = PersonInput(person.id, person.case_active, person.intake, tuple(shuffled))
    assert detect(again, rules, today) == detect(person, rules, today)


@settings(max_examples=200, deadline=None)
@given(cases())
def test_chains_and_abort_series_are_maximal_runs_without_progress(
    case: tuple[PersonInput, Rules, date],
) -> None:
    person, rules, today = case
    progress = progress_ids(person.participations)
    by_id = {p.id: p for p in person.participations}
    recent_ids = [p.id for p in _recent(person, rules, today)]
    for finding in detect(person, rules, today).findings:
        if finding.rule == "MK1":
            qualifies = lambda i: i not in progress  # noqa: E731
            assert len(finding.participations) >= rules.chain_length
        elif finding.rule == "MK4":
            qualifies = lambda i: by_id[i].outcome == "aborted" and i not in progress  # noqa: E731
            assert len(finding.participations) >= rules.abort_run
        else:
            continue
        assert not progress & set(finding.participations)
        assert all(qualifies(i) for i in finding.participations)
        first = recent_ids.index(finding.participations[0])
        last = first + len(finding.participations)
        assert recent_ids[first:last] == list(finding.participations)  # consecutive
        assert first == 0 or not qualifies(recent_ids[first - 1])
        assert last == len(recent_ids) or not qualifies(recent_ids[last])


@settings(max_examples=200, deadline=None)
@given(cases())
def test_a_person_is_flagged_exactly_when_there_are_findings_in_rule_order(
    case: tuple[PersonInput, Rules, date],
) -> None:
    person, rules, today = case
    result = detect(person, rules, today)
    assert result.flagged == bool(result.findings)
    rules_in_output = [f.rule for f in result.findings]
    assert rules_in_output == sorted(rules_in_output)
    for finding in result.findings:
        assert (finding.gap_days is not None) == (finding.rule == "MK3")
        if finding.rule == "MK3":
            assert person.case_active
            assert finding.gap_days is not None and finding.gap_days >= rules.waiting_days
        if finding.rule == "MK2":
            q, p = (
                next(x for x in person.participations if x.id == i) for i in finding.participations
            )
            assert (q.category, q.level) == (p.category, p.level)
            assert order_key(q) < order_key(p)
