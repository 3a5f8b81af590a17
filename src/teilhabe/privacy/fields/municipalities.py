"""Reference geography: official statistics, no personal data."""

from teilhabe.privacy.classification import NONE

CLASSIFICATION = {
    "Edition": dict.fromkeys(["id", "stand", "imported_at", "file_name", "records"], NONE),
    "Land": dict.fromkeys(["key", "name", "seat"], NONE),
    "Regierungsbezirk": dict.fromkeys(["key", "land", "name", "seat"], NONE),
    "Kreis": dict.fromkeys(["key", "regierungsbezirk", "name", "seat", "kind", "text_code"], NONE),
    "Gemeinde": dict.fromkeys(
        [
            "ags",
            "kreis",
            "name",
            "text_code",
            "area_ha",
            "population",
            "population_male",
            "postal_code",
        ],
        NONE,
    ),
}
