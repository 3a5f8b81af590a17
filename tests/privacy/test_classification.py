"""Every stored field of every teilhabe model is classified (Art. 5(1)(b), Art. 30)."""

from __future__ import annotations

from teilhabe.privacy.classification import CATEGORIES
from teilhabe.privacy.fields import registry, stale, unclassified


def test_every_field_of_every_model_is_classified() -> None:
    missing = unclassified()
    assert not missing, "unclassified fields:\n" + "\n".join(missing)


def test_no_classification_names_a_field_that_does_not_exist() -> None:
    assert not stale()


def test_every_personal_field_names_category_purpose_basis_and_retention() -> None:
    for label, fields in registry().items():
        for name, fc in fields.items():
            if fc.personal:
                assert fc.category in CATEGORIES, (label, name)
                assert fc.purpose and fc.legal_basis and fc.retention, (label, name)


def test_counselling_notes_are_special_category_data() -> None:
    reg = registry()
    assert reg["casework.Contact"]["note"].art9
    assert reg["casework.NeedAssessment"]["note"].art9
