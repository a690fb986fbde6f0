"""ResumeData: the structured resume every part of Refleum reads and writes.

Field names are the public contract's camelCase, so a path such as
``workExperience[2].description[1]`` means the same thing in the API, in an
edit proposed by an engine and in Python attribute access.
Missing values are ``""`` or ``[]``: never an invented placeholder.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonalInfo(_Strict):
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    website: str = ""
    linkedin: str = ""
    github: str = ""


class WorkExperience(_Strict):
    id: int
    title: str = ""
    company: str = ""
    location: str = ""
    years: str = ""
    description: list[str] = Field(default_factory=list)


class Education(_Strict):
    id: int
    institution: str = ""
    degree: str = ""
    years: str = ""
    description: str = ""


class PersonalProject(_Strict):
    id: int
    name: str = ""
    role: str = ""
    years: str = ""
    github: str = ""
    website: str = ""
    description: list[str] = Field(default_factory=list)


class Additional(_Strict):
    technicalSkills: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    certificationsTraining: list[str] = Field(default_factory=list)
    awards: list[str] = Field(default_factory=list)


class CustomSectionItem(_Strict):
    id: int
    title: str = ""
    subtitle: str = ""
    years: str = ""
    description: list[str] = Field(default_factory=list)


class CustomSection(_Strict):
    title: str
    type: Literal["text", "itemList", "stringList"]
    text: str = ""
    items: list[CustomSectionItem] = Field(default_factory=list)
    strings: list[str] = Field(default_factory=list)


class ResumeData(_Strict):
    personalInfo: PersonalInfo = Field(default_factory=PersonalInfo)
    summary: str = ""
    workExperience: list[WorkExperience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    personalProjects: list[PersonalProject] = Field(default_factory=list)
    additional: Additional = Field(default_factory=Additional)
    customSections: dict[str, CustomSection] = Field(default_factory=dict)


def custom_section_key(title: str) -> str:
    """The customSections key for a section title: ``"Publications"`` -> ``publications``."""
    return re.sub(r"[^0-9a-z]+", "_", title.strip().lower()).strip("_")
