"""Education header pieces made ready to assign: labels taken off, a school in parentheses
split from the degree it follows, a degree wrapped onto the next line joined back.

Each step keeps every piece a slice of a source line, or of source lines joined by the
space grounding reads a line break as.
"""

from __future__ import annotations

import re

from refleum.parsing.dates import find_date_span
from refleum.parsing.education_lexicon import labelled_value, looks_like_degree, looks_like_school
from refleum.parsing.entries import FRAGMENT_SEPARATORS, Piece
from refleum.parsing.vocabulary import looks_like_location

# 'Licence (Université X)', '(IUFM Ville)', 'Niveau 2(IUFM Ville).': a closing parenthesis
# at the end of the piece, a full stop after it allowed.
_PARENTHESISED_TAIL = re.compile(r"^(?P<before>.*?)\s*\((?P<inside>[^()]+)\)\.?$")
PARENTHESIS = "("  # the split_by of a school that was written in parentheses


def take_labelled(pieces: list[Piece]) -> tuple[dict[str, str], list[Piece], set[int]]:
    """{'degree': 'Dipl.-Ing.'} from 'Abschluss: Dipl.-Ing.' (a form-like layout labels its
    values), the pieces that carried no label, and the lines of labelled notes ('GPA:
    3.9', 'Thesis: …'), which describe the school and are never its name or degree."""
    values: dict[str, str] = {}
    rest: list[Piece] = []
    notes: set[int] = set()
    for piece in pieces:
        found = labelled_value(piece.text)
        if found is not None and found[0] == "note":
            notes.add(piece.line)
            continue
        if found is None or found[0] in values:
            rest.append(piece)
            continue
        field, value = found
        # 'Dipl.-Pädagogin (Univ.).': the stop after the bracket ends the sentence.
        values[field] = value[:-1] if value.endswith(").") else value
    return values, rest, notes


def split_parenthesised_school(pieces: list[Piece]) -> list[Piece]:
    """'Licence de Mathématiques (Université Bordeaux 1)' -> the degree and the school: a
    school named in parentheses after what was studied there. '(Univ.)' or '(cum laude)'
    name no school and stay where they are."""
    split: list[Piece] = []
    for piece in pieces:
        match = _PARENTHESISED_TAIL.match(piece.text)
        inside = match.group("inside").strip() if match else ""
        if not inside or not looks_like_school(inside) or looks_like_degree(inside):
            split.append(piece)
            continue
        before = match.group("before").strip() if match else ""
        if before:
            split.append(Piece(before, piece.line, piece.split_by))
        split.append(Piece(inside, piece.line, PARENTHESIS))
    return split


def _plain(piece: Piece) -> bool:
    text = piece.text
    return not (looks_like_school(text) or looks_like_degree(text) or looks_like_location(text))


def join_degree_continuation(pieces: list[Piece]) -> list[Piece]:
    """'C2I, Certificat Informatique et Internet' / 'Niveau 2 (IUFM Ville)': a degree wrapped
    onto the next line, its school in parentheses after it. The parentheses close the
    degree's statement, so the plain lines between the degree and them are more of the
    degree (and not, as a second line usually is, the school)."""
    school = next((i for i, p in enumerate(pieces) if p.split_by == PARENTHESIS), None)
    if school is None:
        return pieces
    degree = next((i for i in range(school - 1, -1, -1) if looks_like_degree(pieces[i].text)), None)
    if degree is None or degree == school - 1:
        return pieces
    between = pieces[degree + 1 : school]
    lines = [pieces[degree].line, *(piece.line for piece in between)]
    if (
        any(b != a + 1 for a, b in zip(lines, lines[1:], strict=False))
        or lines[-1] not in (pieces[school].line, pieces[school].line - 1)
        or not all(_plain(piece) for piece in between)
    ):
        return pieces
    first = pieces[degree]
    joined = Piece(" ".join(p.text for p in [first, *between]), first.line, first.split_by)
    return [*pieces[:degree], joined, *pieces[school:]]


# 'Bachelor (4.0)', 'BSc Physics GPA: 3.8', 'MSc (3.9/4.0)': a grade printed after the degree.
_TRAILING_GRADE = re.compile(
    r"\s*(?:\(\s*(?:(?:gpa|cgpa|grade)\s*:?\s*)?\d+(?:[.,]\d+)?(?:\s*/\s*\d+(?:[.,]\d+)?)?\s*\)"
    r"|(?:\s*,)?\s+(?:gpa|cgpa)\s*:?\s*\d+(?:[.,]\d+)?(?:\s*/\s*\d+(?:[.,]\d+)?)?)$",
    re.IGNORECASE,
)


def without_grade(piece: Piece) -> Piece:
    """A degree or school without the grade printed after it ('Bachelor (4.0)', 'Some
    University, GPA: 3.9'): a grade is no part of either name."""
    if not (looks_like_degree(piece.text) or looks_like_school(piece.text)):
        return piece
    text = _TRAILING_GRADE.sub("", piece.text)
    return Piece(text, piece.line, piece.split_by) if text else piece


_FIELD_MAX_WORDS = 4


def _is_field_of_study(text: str) -> bool:
    """'Information Technology', 'Economics': a few words naming a subject. A number
    ('Level 7', 'Grade 1.3') or a place says something else about the degree."""
    text = _TRAILING_GRADE.sub("", text)  # 'Economics GPA: 3.9': the grade goes later
    return (
        len(text.split()) <= _FIELD_MAX_WORDS
        and not any(ch.isdigit() for ch in text)
        and not looks_like_location(text)
        and not looks_like_school(text)
    )


def join_degree_and_field(pieces: list[Piece], lines: list[str]) -> list[Piece]:
    """'Bachelor - Information Technology' on a line of its own, the school on another: the
    dash joins a degree to what was studied, it does not part a degree from a school. A
    line of one degree and short subject names becomes one piece, the slice of the line
    from the first piece to the last."""
    school_lines = {
        p.line for p in pieces if looks_like_school(p.text) and not looks_like_degree(p.text)
    }
    joined: list[Piece] = []
    for line in sorted({piece.line for piece in pieces}):
        own = [piece for piece in pieces if piece.line == line]
        if len(own) < 2 or line in school_lines or not school_lines:
            joined.extend(own)
            continue
        text = lines[line]
        start = text.find(own[0].text)
        end = text.rfind(own[-1].text) + len(own[-1].text)
        span = text[start:end] if 0 <= start < end else ""
        fields = [piece for piece in own if not looks_like_degree(piece.text)]
        if (
            not span
            or len(fields) != len(own) - 1
            or not all(_is_field_of_study(piece.text) for piece in fields)
            or FRAGMENT_SEPARATORS.search(span)
            or find_date_span(span)
        ):
            joined.extend(own)
            continue
        joined.append(Piece(span, line, own[0].split_by))
    return joined
