"""The two kinds of letter: one model, one code path, told apart by ``kind``."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    COVER_LETTER = "cover_letter"
    OUTREACH = "outreach"

    @property
    def id_prefix(self) -> str:
        return "cl" if self is Kind.COVER_LETTER else "out"

    @property
    def id_field(self) -> str:
        return "cover_letter_id" if self is Kind.COVER_LETTER else "outreach_id"

    @property
    def label(self) -> str:
        return "cover letter" if self is Kind.COVER_LETTER else "outreach message"
