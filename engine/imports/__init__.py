"""CSV imports of training history: format detection by headers, parsing into neutral rows,
and matching exercise names to the catalog. Pure: bytes in, dataclasses out."""

from engine.imports.formats import FORMATS, CsvFormat, detect_format
from engine.imports.matching import ExerciseMatch, match_exercises
from engine.imports.model import CsvImportError, ImportedSet, ParsedFile, with_unit
from engine.imports.parse import MAX_BYTES, MAX_ROWS, parse_csv

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_ROWS",
    "CsvFormat",
    "CsvImportError",
    "ExerciseMatch",
    "ImportedSet",
    "ParsedFile",
    "detect_format",
    "match_exercises",
    "parse_csv",
    "with_unit",
]
