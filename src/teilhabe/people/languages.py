"""Languages of the target group: ISO 639-1 codes with German and English names.

Dari has no ISO 639-1 code of its own (it is "fa" there); counselling needs to tell it from
Iranian Persian, so it uses the ISO 639-3 code "prs" (the field holds three characters).
"""

from __future__ import annotations

from django.utils.translation import get_language

from teilhabe.people.countries import collation_key

# code: (German, English)
LANGUAGES: dict[str, tuple[str, str]] = {
    "de": ("Deutsch", "German"),
    "en": ("Englisch", "English"),
    "fr": ("Französisch", "French"),
    "ar": ("Arabisch", "Arabic"),
    "prs": ("Dari", "Dari"),
    "fa": ("Persisch (Farsi)", "Persian (Farsi)"),
    "ps": ("Paschtu", "Pashto"),
    "ku": ("Kurdisch", "Kurdish"),
    "tr": ("Türkisch", "Turkish"),
    "ti": ("Tigrinya", "Tigrinya"),
    "am": ("Amharisch", "Amharic"),
    "om": ("Oromo", "Oromo"),
    "so": ("Somali", "Somali"),
    "sw": ("Swahili", "Swahili"),
    "ha": ("Hausa", "Hausa"),
    "yo": ("Yoruba", "Yoruba"),
    "ig": ("Igbo", "Igbo"),
    "ff": ("Fulfulde", "Fula"),
    "wo": ("Wolof", "Wolof"),
    "ln": ("Lingala", "Lingala"),
    "rw": ("Kinyarwanda", "Kinyarwanda"),
    "ur": ("Urdu", "Urdu"),
    "hi": ("Hindi", "Hindi"),
    "bn": ("Bengalisch", "Bengali"),
    "pa": ("Panjabi", "Punjabi"),
    "ta": ("Tamil", "Tamil"),
    "ne": ("Nepali", "Nepali"),
    "zh": ("Chinesisch", "Chinese"),
    "vi": ("Vietnamesisch", "Vietnamese"),
    "ru": ("Russisch", "Russian"),
    "uk": ("Ukrainisch", "Ukrainian"),
    "ka": ("Georgisch", "Georgian"),
    "hy": ("Armenisch", "Armenian"),
    "az": ("Aserbaidschanisch", "Azerbaijani"),
    "uz": ("Usbekisch", "Uzbek"),
    "tg": ("Tadschikisch", "Tajik"),
    "tk": ("Turkmenisch", "Turkmen"),
    "ky": ("Kirgisisch", "Kyrgyz"),
    "kk": ("Kasachisch", "Kazakh"),
    "sq": ("Albanisch", "Albanian"),
    "sr": ("Serbisch", "Serbian"),
    "bs": ("Bosnisch", "Bosnian"),
    "hr": ("Kroatisch", "Croatian"),
    "mk": ("Mazedonisch", "Macedonian"),
    "ro": ("Rumänisch", "Romanian"),
    "bg": ("Bulgarisch", "Bulgarian"),
    "pl": ("Polnisch", "Polish"),
    "el": ("Griechisch", "Greek"),
    "it": ("Italienisch", "Italian"),
    "es": ("Spanisch", "Spanish"),
    "pt": ("Portugiesisch", "Portuguese"),
}


def language_name(code: str | None) -> str:
    if not code:
        return ""
    names = LANGUAGES.get(code.lower())
    if names is None:
        return code
    return names[0] if (get_language() or "de").startswith("de") else names[1]


def language_choices() -> list[tuple[str, str]]:
    """German first (the language everyone is assessed in), then by name."""
    rest = sorted(
        ((code, language_name(code)) for code in LANGUAGES if code != "de"),
        key=lambda item: collation_key(item[1]),
    )
    return [("de", language_name("de")), *rest]


def is_language(code: str) -> bool:
    return code in LANGUAGES
