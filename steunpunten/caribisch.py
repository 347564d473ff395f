"""Places of the Kingdom outside the regio-indeling: Caribbean Netherlands and the three Caribbean
countries. The law's table (and so every SWV and steunpunt) covers European Netherlands only.

Bonaire, Sint Eustatius and Saba are part of the Dutch education system since 1 January 2011
(Onderwijsraad), without samenwerkingsverbanden: on each island an Expertisecentrum Onderwijszorg
(EOZ) gives the specialist support for every school (CBS, "Primary education students"; Oberon
and the Kohnstamm Instituut, evaluation of onderwijszorg in Caribisch Nederland, 2020; sources
in docs/zoeken.md). Aruba, Curaçao and Sint Maarten are countries of their own within the Kingdom,
with their own education system.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Eiland:
    """An island whose schools no SWV serves."""

    naam: str
    caribisch_nederland: bool  # True: Bonaire, Sint Eustatius, Saba (a Dutch openbaar lichaam)


BONAIRE = Eiland("Bonaire", True)
SINT_EUSTATIUS = Eiland("Sint Eustatius", True)
SABA = Eiland("Saba", True)
ARUBA = Eiland("Aruba", False)
CURACAO = Eiland("Curaçao", False)
SINT_MAARTEN = Eiland("Sint Maarten", False)
CARIBISCH_NEDERLAND = Eiland("Caribisch Nederland", True)

# Normalised names of the islands and their towns; "caribisch nederland" means the three.
EILAND_NAMEN: dict[str, Eiland] = {
    "bonaire": BONAIRE,
    "kralendijk": BONAIRE,
    "rincon": BONAIRE,
    "sint eustatius": SINT_EUSTATIUS,
    "statia": SINT_EUSTATIUS,
    "eustatius": SINT_EUSTATIUS,
    "saba": SABA,
    "the bottom": SABA,
    "windwardside": SABA,
    "caribisch nederland": CARIBISCH_NEDERLAND,
    "bes eilanden": CARIBISCH_NEDERLAND,
    "aruba": ARUBA,
    "oranjestad": ARUBA,
    "curacao": CURACAO,
    "willemstad": CURACAO,
    "sint maarten": SINT_MAARTEN,
    "philipsburg": SINT_MAARTEN,
}
MAX_WORDS = 3
# A town name of two islands: typed alone, the answer for the first (EILAND_NAMEN) also offers the
# other. Oranjestad is the capital of Aruba and of Sint Eustatius.
OOK_OP: dict[str, tuple[str, Eiland]] = {"oranjestad": ("Oranjestad", SINT_EUSTATIUS)}


def island_in(sleutel: str) -> Eiland | None:
    """The island a normalised input names (as a whole or among its words), else None;
    "Kralendyk" with the old "y" for "ij" as well."""
    words = sleutel.replace("y", "ij").split() if "y" in sleutel else sleutel.split()
    for size in range(min(MAX_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            found = EILAND_NAMEN.get(" ".join(words[start : start + size]))
            if found:
                return found
    return None


def also_on(sleutel: str) -> tuple[str, Eiland] | None:
    """(town, other island) when the input is only a town's name that two islands have."""
    return OOK_OP.get(sleutel)
