"""The Bildungspass: the young person's own portable record of education, languages and
work — in German plus one second language, so it is useful here and after a return home.

Only labels are translated (the dictionary below, one column per language); content stays
as entered. Arabic and Dari/Farsi pages run right to left in Noto Naskh Arabic (Debian
fonts-noto-core, installed by the setup).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from teilhabe.core.models import Organisation
from teilhabe.core.pdf import html_to_pdf
from teilhabe.people.models import Certificate, Experience, Person

SECOND_LANGUAGES = {"en": "English", "fr": "Français", "ar": "العربية", "fa": "دری / فارسی"}
RTL = {"ar", "fa"}
LANGUAGE_CATEGORIES = {"language_course", "integration_course"}

# key: (de, en, fr, ar, fa)
_L: dict[str, tuple[str, str, str, str, str]] = {
    "title": (
        "Bildungspass",
        "Education passport",
        "Passeport de formation",
        "جواز التعليم",
        "گذرنامه آموزشی",
    ),
    "intro": (
        "Persönlicher Nachweis über Bildung, Sprache und Arbeit",
        "Personal record of education, language and work",
        "Relevé personnel de formation, de langue et de travail",
        "سجل شخصي للتعليم واللغة والعمل",
        "سابقه شخصی آموزش، زبان و کار",
    ),
    "name": ("Name", "Name", "Nom", "الاسم", "نام"),
    "birth": ("Geburtsdatum", "Date of birth", "Date de naissance", "تاريخ الميلاد", "تاریخ تولد"),
    "issued_by": ("Ausgestellt von", "Issued by", "Délivré par", "صادر عن", "صادر شده توسط"),
    "date": ("Datum", "Date", "Date", "التاريخ", "تاریخ"),
    "before": (
        "Bildung vor der Ankunft",
        "Education before arrival",
        "Formation avant l'arrivée",
        "التعليم قبل الوصول",
        "آموزش پیش از ورود",
    ),
    "school_abroad": (
        "Schuljahre im Ausland",
        "Years of school abroad",
        "Années de scolarité à l'étranger",
        "سنوات الدراسة في الخارج",
        "سال‌های تحصیل در خارج",
    ),
    "school_de": (
        "Schuljahre in Deutschland",
        "Years of school in Germany",
        "Années de scolarité en Allemagne",
        "سنوات الدراسة في ألمانيا",
        "سال‌های تحصیل در آلمان",
    ),
    "german": (
        "Deutschkurse und Sprachniveau (GER)",
        "German courses and levels (CEFR)",
        "Cours d'allemand et niveaux (CECRL)",
        "دورات اللغة الألمانية والمستويات",
        "دوره‌های زبان آلمانی و سطح‌ها",
    ),
    "german_level": ("Deutsch", "German", "Allemand", "الألمانية", "آلمانی"),
    "course": ("Kurs", "Course", "Cours", "الدورة", "دوره"),
    "level": ("Niveau", "Level", "Niveau", "المستوى", "سطح"),
    "certificates": (
        "Zeugnisse und Abschlüsse",
        "Certificates and qualifications",
        "Certificats et diplômes",
        "الشهادات والمؤهلات",
        "مدارک و گواهینامه‌ها",
    ),
    "completed": (
        "Abgeschlossene Kurse und Maßnahmen",
        "Completed courses and programmes",
        "Formations et mesures achevées",
        "الدورات والبرامج المكتملة",
        "دوره‌ها و برنامه‌های تکمیل‌شده",
    ),
    "work": (
        "Praktika und Arbeit",
        "Internships and work",
        "Stages et travail",
        "التدريب العملي والعمل",
        "کارآموزی و کار",
    ),
    "skills": (
        "Sprachen und Fähigkeiten",
        "Languages and skills",
        "Langues et compétences",
        "اللغات والمهارات",
        "زبان‌ها و مهارت‌ها",
    ),
    "interests": ("Interessen", "Interests", "Centres d'intérêt", "الاهتمامات", "علاقه‌مندی‌ها"),
    "period": ("Zeitraum", "Period", "Période", "الفترة", "دوره زمانی"),
    "provider": ("Anbieter", "Provider", "Organisme", "الجهة المقدمة", "ارائه‌دهنده"),
    "country": ("Land", "Country", "Pays", "البلد", "کشور"),
    "certificate": ("Zertifikat", "Certificate", "Certificat", "الشهادة", "گواهینامه"),
    "certified": ("mit Zertifikat", "certified", "certifié", "بشهادة", "دارای گواهی"),
    "none": (
        "keine Angaben",
        "none recorded",
        "aucune donnée",
        "لا توجد بيانات",
        "اطلاعاتی ثبت نشده",
    ),
    "footer": (
        "Die Inhalte sind so wiedergegeben, wie sie erfasst wurden; nur die "
        "Überschriften sind übersetzt.",
        "Contents are shown as recorded; only the headings are translated.",
        "Les contenus sont reproduits tels qu'ils ont été saisis ; seuls les titres sont traduits.",
        "المحتويات معروضة كما أُدخلت؛ العناوين فقط مترجمة.",
        "محتوا همان‌طور که ثبت شده نمایش داده می‌شود؛ فقط عنوان‌ها ترجمه شده‌اند.",
    ),
    # Experience kinds
    "vocational": (
        "Berufserfahrung",
        "vocational experience",
        "expérience professionnelle",
        "خبرة مهنية",
        "تجربه حرفه‌ای",
    ),
    "work_kind": ("Arbeit", "work", "travail", "عمل", "کار"),
    "internship": ("Praktikum", "internship", "stage", "تدريب عملي", "کارآموزی"),
    # Certificate levels
    "cl_none": ("kein Abschluss", "no certificate", "aucun diplôme", "بدون شهادة", "بدون مدرک"),
    "cl_primary": (
        "Grundschule",
        "primary school",
        "école primaire",
        "المرحلة الابتدائية",
        "دبستان",
    ),
    "cl_lower_secondary": (
        "unterer Sekundarabschluss",
        "lower secondary",
        "premier cycle du secondaire",
        "المرحلة الإعدادية",
        "دوره اول متوسطه",
    ),
    "cl_middle": (
        "mittlerer Abschluss",
        "intermediate certificate",
        "niveau intermédiaire",
        "المرحلة المتوسطة",
        "مدرک متوسطه",
    ),
    "cl_upper_secondary": (
        "Hochschulreife",
        "upper secondary",
        "baccalauréat",
        "الثانوية العامة",
        "دیپلم",
    ),
    "cl_vocational": (
        "Berufsabschluss",
        "vocational qualification",
        "qualification professionnelle",
        "مؤهل مهني",
        "مدرک حرفه‌ای",
    ),
    "cl_higher": (
        "Hochschulabschluss",
        "higher education",
        "enseignement supérieur",
        "تعليم عالٍ",
        "تحصیلات عالی",
    ),
    "cl_language": (
        "Sprachzertifikat",
        "language certificate",
        "certificat de langue",
        "شهادة لغة",
        "گواهی زبان",
    ),
    "cl_other": ("sonstiger", "other", "autre", "أخرى", "سایر"),
}
_INDEX = {"de": 0, "en": 1, "fr": 2, "ar": 3, "fa": 4}
EXPERIENCE_KEYS: dict[str, str] = {
    Experience.Kind.VOCATIONAL: "vocational",
    Experience.Kind.WORK: "work_kind",
    Experience.Kind.INTERNSHIP: "internship",
}


def labels(language: str) -> dict[str, str]:
    i = _INDEX[language]
    return {key: values[i] for key, values in _L.items()}


def _period(start: Any, end: Any) -> str:
    def fmt(d: Any) -> str:
        return d.strftime("%m/%Y") if d else "…"

    return f"{fmt(start)} – {fmt(end)}" if (start or end) else ""


def collect(person: Person) -> dict[str, Any]:
    """The record's content, as entered (a fixed number of queries)."""
    from teilhabe.trajectories.models import Participation

    profile = getattr(person, "profile", None) if hasattr(person, "profile") else None
    certificates = list(Certificate.objects.filter(person=person).order_by("issued_on", "title"))
    experiences = list(
        Experience.objects.filter(person=person)
        .select_related("employer_entry")
        .order_by("started_on", "title")
    )
    languages = list(person.languages.all())
    participations = list(
        Participation.objects.filter(person=person)
        .select_related("offer", "offer__provider")
        .order_by("start")
    )

    def part_row(p: Any) -> dict[str, Any]:
        return {
            "title": p.offer.title if p.offer_id else p.external_title,
            "provider": p.offer.provider.name if p.offer_id else p.external_provider,
            "period": _period(p.start, p.end),
            "level": p.level_reached,
            "certificate": p.certificate_title if p.certificate else "",
        }

    german_courses = [part_row(p) for p in participations if p.category in LANGUAGE_CATEGORIES]
    completed = [
        part_row(p)
        for p in participations
        if p.outcome == "completed" and p.category not in LANGUAGE_CATEGORIES
    ]
    return {
        "name": f"{person.given_name} {person.family_name}",
        "birth": person.date_of_birth.strftime("%d.%m.%Y"),
        "school_abroad": profile.school_years_abroad if profile else None,
        "school_de": profile.school_years_germany if profile else None,
        "interests": profile.interests if profile else "",
        "before": [c for c in certificates if c.country and c.country != "DE"],
        "certificates": [
            {
                "title": c.title,
                "level_key": f"cl_{c.level}",
                "country": c.country,
                "date": c.issued_on.strftime("%m/%Y") if c.issued_on else "",
            }
            for c in certificates
        ],
        "german_level": next((lang for lang in languages if lang.language == "de"), None),
        "german_courses": german_courses,
        "completed": completed,
        "work": [
            {
                "kind_key": EXPERIENCE_KEYS.get(str(e.kind), "work_kind"),
                "title": e.title,
                "employer": e.employer_shown,
                "country": e.country,
                "period": _period(e.started_on, e.ended_on),
            }
            for e in experiences
        ],
        "languages": [
            {"code": lang.language, "level": lang.level, "certified": lang.certified}
            for lang in languages
        ],
    }


def render_html(person: Person, organisation: Organisation, second: str) -> str:
    if second not in SECOND_LANGUAGES:
        raise ValueError(second)
    content = collect(person)
    parts = []
    for lang in ("de", second):
        words = labels(lang)
        parts.append(
            {
                "lang": lang,
                "rtl": lang in RTL,
                "l": words,
                "certificates": [
                    {**c, "level": words.get(c["level_key"], "")} for c in content["certificates"]
                ],
                "work": [{**w, "kind": words[w["kind_key"]]} for w in content["work"]],
            }
        )
    return render_to_string(
        "privacy/pdf/bildungspass.html",
        {
            "c": content,
            "parts": parts,
            "issuer": organisation.name,
            "issued_on": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )


def render_pdf(person: Person, organisation: Organisation, second: str) -> bytes:
    html = render_html(person, organisation, second)
    return html_to_pdf(html)
