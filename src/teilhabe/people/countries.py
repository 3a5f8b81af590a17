"""ISO 3166-1 alpha-2 countries with German and English names, for nationality and the
countries of certificates and experience.

A hand-kept list rather than a dependency: the names must be the ones German authorities
use (e.g. "Syrien", "Kongo, Demokratische Republik"), and the list only needs the countries
of origin of the target group, Europe and the main countries of the Americas. "XX" (stateless)
and "XU" (unknown, "ungeklärt") follow the user-assigned codes German documents use.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import get_language

STATELESS = "XX"
UNKNOWN = "XU"

# code: (German, English)
COUNTRIES: dict[str, tuple[str, str]] = {
    # Africa
    "DZ": ("Algerien", "Algeria"),
    "AO": ("Angola", "Angola"),
    "BJ": ("Benin", "Benin"),
    "BF": ("Burkina Faso", "Burkina Faso"),
    "BI": ("Burundi", "Burundi"),
    "CM": ("Kamerun", "Cameroon"),
    "CV": ("Cabo Verde", "Cabo Verde"),
    "CF": ("Zentralafrikanische Republik", "Central African Republic"),
    "TD": ("Tschad", "Chad"),
    "KM": ("Komoren", "Comoros"),
    "CD": ("Kongo, Demokratische Republik", "Congo, Democratic Republic"),
    "CG": ("Kongo, Republik", "Congo, Republic"),
    "CI": ("Côte d'Ivoire", "Côte d'Ivoire"),
    "DJ": ("Dschibuti", "Djibouti"),
    "EG": ("Ägypten", "Egypt"),
    "ER": ("Eritrea", "Eritrea"),
    "ET": ("Äthiopien", "Ethiopia"),
    "GA": ("Gabun", "Gabon"),
    "GM": ("Gambia", "Gambia"),
    "GH": ("Ghana", "Ghana"),
    "GN": ("Guinea", "Guinea"),
    "GW": ("Guinea-Bissau", "Guinea-Bissau"),
    "KE": ("Kenia", "Kenya"),
    "LR": ("Liberia", "Liberia"),
    "LY": ("Libyen", "Libya"),
    "ML": ("Mali", "Mali"),
    "MR": ("Mauretanien", "Mauritania"),
    "MA": ("Marokko", "Morocco"),
    "MZ": ("Mosambik", "Mozambique"),
    "NE": ("Niger", "Niger"),
    "NG": ("Nigeria", "Nigeria"),
    "RW": ("Ruanda", "Rwanda"),
    "SN": ("Senegal", "Senegal"),
    "SL": ("Sierra Leone", "Sierra Leone"),
    "SO": ("Somalia", "Somalia"),
    "ZA": ("Südafrika", "South Africa"),
    "SS": ("Südsudan", "South Sudan"),
    "SD": ("Sudan", "Sudan"),
    "TZ": ("Tansania", "Tanzania"),
    "TG": ("Togo", "Togo"),
    "TN": ("Tunesien", "Tunisia"),
    "UG": ("Uganda", "Uganda"),
    "EH": ("Westsahara", "Western Sahara"),
    "ZM": ("Sambia", "Zambia"),
    "ZW": ("Simbabwe", "Zimbabwe"),
    # Asia
    "AF": ("Afghanistan", "Afghanistan"),
    "AM": ("Armenien", "Armenia"),
    "AZ": ("Aserbaidschan", "Azerbaijan"),
    "BD": ("Bangladesch", "Bangladesh"),
    "BH": ("Bahrain", "Bahrain"),
    "CN": ("China", "China"),
    "GE": ("Georgien", "Georgia"),
    "IN": ("Indien", "India"),
    "ID": ("Indonesien", "Indonesia"),
    "IR": ("Iran", "Iran"),
    "IQ": ("Irak", "Iraq"),
    "IL": ("Israel", "Israel"),
    "JP": ("Japan", "Japan"),
    "JO": ("Jordanien", "Jordan"),
    "KZ": ("Kasachstan", "Kazakhstan"),
    "KW": ("Kuwait", "Kuwait"),
    "KG": ("Kirgisistan", "Kyrgyzstan"),
    "LB": ("Libanon", "Lebanon"),
    "MY": ("Malaysia", "Malaysia"),
    "MN": ("Mongolei", "Mongolia"),
    "MM": ("Myanmar", "Myanmar"),
    "NP": ("Nepal", "Nepal"),
    "KP": ("Korea, Demokratische Volksrepublik", "Korea, Democratic People's Republic"),
    "KR": ("Korea, Republik", "Korea, Republic"),
    "OM": ("Oman", "Oman"),
    "PK": ("Pakistan", "Pakistan"),
    "PS": ("Palästinensische Gebiete", "Palestinian territories"),
    "PH": ("Philippinen", "Philippines"),
    "QA": ("Katar", "Qatar"),
    "SA": ("Saudi-Arabien", "Saudi Arabia"),
    "LK": ("Sri Lanka", "Sri Lanka"),
    "SY": ("Syrien", "Syria"),
    "TJ": ("Tadschikistan", "Tajikistan"),
    "TH": ("Thailand", "Thailand"),
    "TR": ("Türkei", "Türkiye"),
    "TM": ("Turkmenistan", "Turkmenistan"),
    "AE": ("Vereinigte Arabische Emirate", "United Arab Emirates"),
    "UZ": ("Usbekistan", "Uzbekistan"),
    "VN": ("Vietnam", "Viet Nam"),
    "YE": ("Jemen", "Yemen"),
    # Europe
    "AL": ("Albanien", "Albania"),
    "AT": ("Österreich", "Austria"),
    "BY": ("Belarus", "Belarus"),
    "BE": ("Belgien", "Belgium"),
    "BA": ("Bosnien und Herzegowina", "Bosnia and Herzegovina"),
    "BG": ("Bulgarien", "Bulgaria"),
    "HR": ("Kroatien", "Croatia"),
    "CY": ("Zypern", "Cyprus"),
    "CZ": ("Tschechien", "Czechia"),
    "DK": ("Dänemark", "Denmark"),
    "EE": ("Estland", "Estonia"),
    "FI": ("Finnland", "Finland"),
    "FR": ("Frankreich", "France"),
    "DE": ("Deutschland", "Germany"),
    "GR": ("Griechenland", "Greece"),
    "HU": ("Ungarn", "Hungary"),
    "IE": ("Irland", "Ireland"),
    "IT": ("Italien", "Italy"),
    "XK": ("Kosovo", "Kosovo"),
    "LV": ("Lettland", "Latvia"),
    "LT": ("Litauen", "Lithuania"),
    "LU": ("Luxemburg", "Luxembourg"),
    "MT": ("Malta", "Malta"),
    "MD": ("Moldau", "Moldova"),
    "ME": ("Montenegro", "Montenegro"),
    "NL": ("Niederlande", "Netherlands"),
    "MK": ("Nordmazedonien", "North Macedonia"),
    "NO": ("Norwegen", "Norway"),
    "PL": ("Polen", "Poland"),
    "PT": ("Portugal", "Portugal"),
    "RO": ("Rumänien", "Romania"),
    "RU": ("Russische Föderation", "Russian Federation"),
    "RS": ("Serbien", "Serbia"),
    "SK": ("Slowakei", "Slovakia"),
    "SI": ("Slowenien", "Slovenia"),
    "ES": ("Spanien", "Spain"),
    "SE": ("Schweden", "Sweden"),
    "CH": ("Schweiz", "Switzerland"),
    "UA": ("Ukraine", "Ukraine"),
    "GB": ("Vereinigtes Königreich", "United Kingdom"),
    # Americas
    "AR": ("Argentinien", "Argentina"),
    "BO": ("Bolivien", "Bolivia"),
    "BR": ("Brasilien", "Brazil"),
    "CA": ("Kanada", "Canada"),
    "CL": ("Chile", "Chile"),
    "CO": ("Kolumbien", "Colombia"),
    "CU": ("Kuba", "Cuba"),
    "DO": ("Dominikanische Republik", "Dominican Republic"),
    "EC": ("Ecuador", "Ecuador"),
    "SV": ("El Salvador", "El Salvador"),
    "GT": ("Guatemala", "Guatemala"),
    "HT": ("Haiti", "Haiti"),
    "HN": ("Honduras", "Honduras"),
    "JM": ("Jamaika", "Jamaica"),
    "MX": ("Mexiko", "Mexico"),
    "NI": ("Nicaragua", "Nicaragua"),
    "PE": ("Peru", "Peru"),
    "US": ("Vereinigte Staaten", "United States"),
    "VE": ("Venezuela", "Venezuela"),
    # Without a nationality
    STATELESS: ("staatenlos", "stateless"),
    UNKNOWN: ("ungeklärt", "unknown"),
}


def _german() -> bool:
    return (get_language() or "de").startswith("de")


def country_name(code: str | None) -> str:
    """The country's name in the active language; an unknown code is shown as it is."""
    if not code:
        return ""
    names = COUNTRIES.get(code.upper())
    if names is None:
        return code
    return names[0] if _german() else names[1]


def collation_key(name: str) -> str:
    # "Ägypten" sorts with A, as in a German list.
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def country_choices() -> list[tuple[str, str]]:
    """Choices sorted by name in the active language; stateless and unknown come last."""
    special = (STATELESS, UNKNOWN)
    regular = sorted(
        ((code, country_name(code)) for code in COUNTRIES if code not in special),
        key=lambda item: collation_key(item[1]),
    )
    return [*regular, *((code, country_name(code)) for code in special)]


def is_country(code: str) -> bool:
    return code in COUNTRIES
