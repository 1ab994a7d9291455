"""Placements of students into internships, apprenticeships, order classes and jobs."""

from chanjiao.matching.models.placements import (
    InternshipStage,
    Placement,
    PlacementKind,
    PlacementSource,
    PlacementStatus,
)

__all__ = ["InternshipStage", "Placement", "PlacementKind", "PlacementSource", "PlacementStatus"]
