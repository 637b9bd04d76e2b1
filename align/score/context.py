"""What the encoder reads for a passage: its text, led by the heading it sits under.

A table row ("Tiltak 4.2 | Ansvar: IKT | Frist: 2025") or a short sentence ("Dette skal
revideres årlig") says little alone; under "4.3 Informasjonssikkerhet" it says a lot. The
quote in the report is always the passage text itself, never this string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NUMBERING = re.compile(r"^\s*(?:kapittel|kap\.|del)?\s*[\dIVXivx]+(?:\.\d+)*\.?\s+")


def embedding_text(text: str, heading_path: Sequence[str]) -> str:
    heading = _NUMBERING.sub("", heading_path[-1]).strip() if heading_path else ""
    return f"{heading}: {text}" if heading else text
