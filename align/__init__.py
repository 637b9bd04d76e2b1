"""align: how well a municipal plan lines up with the national digitalisation strategies."""

from __future__ import annotations

__version__ = "0.1.0"
