"""Whether a numbered DOCX paragraph is drawn as a list item.

A paragraph's ``w:numPr`` alone does not make it a list item: ``w:numId`` 0 means
"numbering removed", and a level whose format is ``none`` with no level text draws no
marker (how LibreOffice writes an HTML ``<ul>`` styled ``list-style: none``, which
themes use for dates, employers and contact lines). Reading those as bullets glues an
entry's header into its description. Those marker-less paragraphs that follow a list
item continue it: an HTML ``<li>`` holding a whole entry (title, dates, text) becomes one
numbered paragraph and several with ``numId`` 0. Such an item is a container of lines,
not a bullet point.
"""

from __future__ import annotations

from docx.oxml.ns import qn

_NO_NUMBERING = "0"


class Numbering:
    """The document's numbering definitions, looked up once per (list, level)."""

    def __init__(self, document) -> None:
        try:
            self._element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without numbering.xml
            self._element = None
        self._markers: dict[tuple[str, str], bool] = {}

    def is_list_item(self, p_element) -> bool:
        """True when the paragraph is a one-paragraph list item that draws a bullet or
        number: not a list item continued by the paragraphs after it."""
        num_pr = _num_pr(p_element)
        if num_pr is None:
            return False
        num_id = _value(num_pr.find(qn("w:numId")))
        if num_id is None or num_id == _NO_NUMBERING:
            return False
        following = p_element.getnext()
        if following is not None and following.tag == qn("w:p") and _continues(following):
            return False
        level = _value(num_pr.find(qn("w:ilvl"))) or "0"
        key = (num_id, level)
        if key not in self._markers:
            self._markers[key] = self._draws_marker(num_id, level)
        return self._markers[key]

    def _draws_marker(self, num_id: str, level: str) -> bool:
        """False only when the level is defined and draws nothing; unknown lists keep
        reading as list items, as a damaged definition says nothing either way."""
        definition = self._level(num_id, level)
        if definition is None:
            return True
        number_format = _value(definition.find(qn("w:numFmt")))
        text = _value(definition.find(qn("w:lvlText")))
        return not (number_format == "none" and not (text or "").strip())

    def _level(self, num_id: str, level: str):
        if self._element is None:
            return None
        for num in self._element.iterchildren(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                abstract_id = _value(num.find(qn("w:abstractNumId")))
                break
        else:
            return None
        for abstract in self._element.iterchildren(qn("w:abstractNum")):
            if abstract.get(qn("w:abstractNumId")) == abstract_id:
                for definition in abstract.iterchildren(qn("w:lvl")):
                    if definition.get(qn("w:ilvl")) == level:
                        return definition
        return None


def _num_pr(p_element):
    return p_element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")


def _continues(p_element) -> bool:
    """A paragraph in a list without a marker of its own (``numId`` 0)."""
    num_pr = _num_pr(p_element)
    return num_pr is not None and _value(num_pr.find(qn("w:numId"))) == _NO_NUMBERING


def _value(element) -> str | None:
    return None if element is None else element.get(qn("w:val"))
