"""One typo per word: which known words a typed word may have meant.

A word of five letters or more may differ from a known word by one letter left out, added,
changed, or two letters swapped (the optimal string alignment distance of rapidfuzz), or by the
old "y" written for "ij" ("Yssel"); shorter words must be exact, because there one letter makes
another name ("Ede", "Epe"). Callers try the exact words first and use these only when nothing
matched, so a correction always ranks below an exact match.
"""

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_TYPO_LENGTH = 5
MAX_TYPO_DISTANCE = 1


class Woordenlijst:
    """Known words by length, so a typed word is compared only with words of about its length."""

    def __init__(self, words: Iterable[str]):
        self.woorden = frozenset(words)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self.woorden):
            by_length[len(word)].append(word)
        self._by_length = dict(by_length)
        self._pools: dict[int, list[str]] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.woorden

    def near(self, word: str, *, known: bool = False) -> list[str]:
        """The known words one typo away from a word (of 5+ letters), nearest first; [] if none.

        A known word has none unless `known`: then its neighbours are the other known words one
        typo away (a typo that makes another word, "Bosche" for "Bossche")."""
        if len(word) < MIN_TYPO_LENGTH or (word in self.woorden and not known):
            return []
        # The old "y" for "ij" ("Yssel", "Kralendyk") counts as one typo.
        oud = word.replace("y", "ij")
        if oud != word and oud in self.woorden and not known:
            return [oud]
        found = process.extract(
            word,
            self._pool(len(word)),
            scorer=OSA.distance,
            score_cutoff=MAX_TYPO_DISTANCE,
            limit=None,
        )
        return [
            other
            for other, distance, _index in sorted(found, key=lambda f: (f[1], f[0]))
            if distance > 0
        ]

    def _pool(self, size: int) -> list[str]:
        """The known words one letter shorter, as long, or one letter longer (kept once made)."""
        pool = self._pools.get(size)
        if pool is None:
            lengths = (size - 1, size, size + 1)
            pool = [w for n in lengths if n >= MIN_TYPO_LENGTH for w in self._by_length.get(n, ())]
            self._pools[size] = pool
        return pool


def one_typo_per_word(typed: str, known: str) -> bool:
    """True when two normalised names have the same words but for one typo in long words."""
    typed_words, known_words = typed.split(), known.split()
    if len(typed_words) != len(known_words):
        return False
    return all(
        a == b
        or (
            min(len(a), len(b)) >= MIN_TYPO_LENGTH
            and OSA.distance(a, b, score_cutoff=MAX_TYPO_DISTANCE) <= MAX_TYPO_DISTANCE
        )
        for a, b in zip(typed_words, known_words, strict=True)
    )
