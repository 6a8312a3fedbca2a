"""sitrep: French situation-report briefings to a bilingual static site."""

from sitrep.errors import SitrepError, SitrepErrors

__all__ = ["SitrepError", "SitrepErrors"]
__version__ = "0.1.0"
