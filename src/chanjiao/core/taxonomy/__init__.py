"""Reference classifications shipped with the package: CSCO 2022 occupations and regions."""

from chanjiao.core.taxonomy.occupations import Occupation, load_occupations, parent_code
from chanjiao.core.taxonomy.regions import ZONES, Division, load_divisions, zone_of_province

__all__ = [
    "ZONES",
    "Division",
    "Occupation",
    "load_divisions",
    "load_occupations",
    "parent_code",
    "zone_of_province",
]
