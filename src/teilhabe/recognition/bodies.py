"""The competent bodies of North Rhine-Westphalia for the recognition of foreign
certificates, as data (which body decides depends on the kind of certificate).

Sources: the Bezirksregierungen Köln, Düsseldorf and Münster, anerkennung-nrw.de and
anerkennung-in-deutschland.de (checked December 2026). A body's key is stored on the
procedure; renaming a body changes only its name here, never the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Body:
    key: str
    name: str  # the body's own (German) name, shown as it is
    purpose: Promise  # what it recognises, in the user's language


_SCHOOL_VOCATIONAL = _(
    "school-based vocational qualifications (Berufsfachschule, Fachschule; by the country of "
    "the certificate), social and teaching professions"
)
_CRAFTS = _("craft trades (Handwerk), for persons living in the chamber's district")

BODIES: tuple[Body, ...] = (
    Body(
        "brk_school",
        "Bezirksregierung Köln – Zeugnisanerkennung (Dezernat 48)",
        _("school certificates up to the intermediate school leaving certificate"),
    ),
    Body(
        "brd_school",
        "Bezirksregierung Düsseldorf – Zeugnisanerkennungsstelle (Dezernat 48)",
        _("university entrance qualifications (Fachhochschulreife, Abitur)"),
    ),
    Body(
        "zab",
        "Zentralstelle für ausländisches Bildungswesen (ZAB), Bonn",
        _("statement of comparability of university degrees (Zeugnisbewertung)"),
    ),
    Body(
        "ihk_fosa",
        "IHK FOSA (Foreign Skills Approval), Nürnberg",
        _("vocational qualifications of the IHK professions (industry, trade, services)"),
    ),
    Body("hwk_aachen", "Handwerkskammer Aachen", _CRAFTS),
    Body("hwk_duesseldorf", "Handwerkskammer Düsseldorf", _CRAFTS),
    Body("hwk_koeln", "Handwerkskammer zu Köln", _CRAFTS),
    Body("hwk_muenster", "Handwerkskammer Münster", _CRAFTS),
    Body("hwk_dortmund", "Handwerkskammer Dortmund", _CRAFTS),
    Body("hwk_suedwestfalen", "Handwerkskammer Südwestfalen", _CRAFTS),
    Body("hwk_owl", "Handwerkskammer Ostwestfalen-Lippe zu Bielefeld", _CRAFTS),
    Body(
        "brms_health",
        "Bezirksregierung Münster – Zentrale Anerkennungsstelle für Gesundheitsberufe",
        _("health and care professions, doctors, dentists and pharmacists"),
    ),
    Body(
        "lwk_nrw",
        "Landwirtschaftskammer Nordrhein-Westfalen",
        _("green professions (agriculture, horticulture, animal husbandry)"),
    ),
    Body("br_arnsberg", "Bezirksregierung Arnsberg", _SCHOOL_VOCATIONAL),
    Body("br_detmold", "Bezirksregierung Detmold", _SCHOOL_VOCATIONAL),
    Body("br_duesseldorf", "Bezirksregierung Düsseldorf", _SCHOOL_VOCATIONAL),
    Body("br_koeln", "Bezirksregierung Köln", _SCHOOL_VOCATIONAL),
    Body("br_muenster", "Bezirksregierung Münster", _SCHOOL_VOCATIONAL),
    Body("other", "", _("another body (name it in the note)")),
)

BY_KEY = {b.key: b for b in BODIES}


def body_choices() -> list[tuple[str, str]]:
    """Choices for a select: name and what it recognises (evaluated per request, so the
    purpose is in the user's language)."""
    return [(b.key, f"{b.name} – {b.purpose}" if b.name else str(b.purpose)) for b in BODIES]
