"""English verb forms through lemminflect: the one place the summary's achievement clauses
("Reduced X" -> "reducing X") and the letters' prose ("cutting" -> "cut") inflect a verb."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getInflection


@lru_cache(maxsize=4096)
def verb_lemma(word: str) -> str | None:
    """The verb ``word`` is a form of ("led" -> "lead"), None when it is no known verb."""
    lemmas = getAllLemmas(word.lower()).get("VERB")
    return lemmas[0] if lemmas else None


@lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the Penn tag's form: VBD past, VBN participle, VBG gerund, VBZ 3rd person."""
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else lemma


def past_gerund(word: str) -> str | None:
    """The -ing form of a past tense or participle ("raised" -> "raising", "led" ->
    "leading"); None for any other word, a base form or a noun included."""
    folded = word.lower()
    lemma = verb_lemma(folded)
    if lemma is None or folded not in (inflect(lemma, "VBD"), inflect(lemma, "VBN")):
        return None
    return inflect(lemma, "VBG")
