"""Section headings in the languages the local engine writes (en, es, fr, de, pt).

The resume's own content is never translated; only these fixed labels are. A language
not listed falls back to English, which every ATS recognises.
"""

from __future__ import annotations

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "Summary",
        "workExperience": "Experience",
        "education": "Education",
        "personalProjects": "Projects",
        "technicalSkills": "Skills",
        "languages": "Languages",
        "certificationsTraining": "Certifications",
        "awards": "Awards",
    },
    "es": {
        "summary": "Resumen",
        "workExperience": "Experiencia",
        "education": "Formación",
        "personalProjects": "Proyectos",
        "technicalSkills": "Habilidades",
        "languages": "Idiomas",
        "certificationsTraining": "Certificaciones",
        "awards": "Premios",
    },
    "fr": {
        "summary": "Profil",
        "workExperience": "Expérience",
        "education": "Formation",
        "personalProjects": "Projets",
        "technicalSkills": "Compétences",
        "languages": "Langues",
        "certificationsTraining": "Certifications",
        "awards": "Distinctions",
    },
    "de": {
        "summary": "Profil",
        "workExperience": "Berufserfahrung",
        "education": "Ausbildung",
        "personalProjects": "Projekte",
        "technicalSkills": "Kenntnisse",
        "languages": "Sprachen",
        "certificationsTraining": "Zertifizierungen",
        "awards": "Auszeichnungen",
    },
    "pt": {
        "summary": "Resumo",
        "workExperience": "Experiência",
        "education": "Formação",
        "personalProjects": "Projetos",
        "technicalSkills": "Competências",
        "languages": "Idiomas",
        "certificationsTraining": "Certificações",
        "awards": "Prémios",
    },
}


def headings_for(language: str) -> dict[str, str]:
    """Headings for a BCP-47 tag ("pt-BR" uses "pt"); English when the language is unknown."""
    base = (language or "en").split("-")[0].split("_")[0].lower()
    return HEADINGS.get(base, HEADINGS["en"])
