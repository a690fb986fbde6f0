"""Labels that introduce a contact detail ("E-Mail:", "Tel.:", "Téléphone :", "Adresse:"),
in the languages resumes are written in, and which field each one names."""

from __future__ import annotations

import re
from typing import Literal

LabelField = Literal["email", "phone", "address", "link"]

_LABELS: dict[LabelField, tuple[str, ...]] = {
    "email": ("e-mail", "email", "mail", "correo", "correo electrónico", "courriel", "e-post"),
    "phone": (
        "phone",
        "tel",
        "telephone",
        "telefon",
        "telefone",
        "teléfono",
        "telefono",
        "téléphone",
        "telefoon",
        "mobile",
        "mobil",
        "mobiel",
        "móvil",
        "movil",
        "cell",
        "cellphone",
        "celular",
        "cellulare",
        "portable",
        "handy",
        "whatsapp",
        "mob",
        "ph",
    ),
    "address": (
        "address",
        "adresse",
        "anschrift",
        "wohnort",
        "dirección",
        "direccion",
        "domicilio",
        "endereço",
        "endereco",
        "morada",
        "indirizzo",
        "adres",
        "woonplaats",
        "location",
        "ubicación",
        "localização",
        "residence",
        "based in",
    ),
    "link": ("linkedin", "github", "website", "web", "portfolio", "site", "homepage", "xing"),
}
_FIELD_OF = {label: field for field, labels in _LABELS.items() for label in labels}
_ALTERNATIVES = "|".join(re.escape(label) for label in sorted(_FIELD_OF, key=len, reverse=True))
# "Tel.:", "Téléphone :", "E-Mail -", "Phone (mobile):"; the label ends at a colon or dash.
_LABEL = re.compile(
    rf"^(?P<label>{_ALTERNATIVES})\.?(?:\s*\([^)]{{1,20}}\))?\s*[:\-\u2013]\s*", re.IGNORECASE
)


def split_label(text: str) -> tuple[LabelField | None, str]:
    """(the field a leading label names, the text after it); (None, text) unlabelled."""
    match = _LABEL.match(text.strip())
    if match is None:
        return None, text.strip()
    return _FIELD_OF[match.group("label").casefold()], text.strip()[match.end() :]
