"""The file name a signer gets under signatories/<slug>/ (one file per signer)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 80


def signer_file_stem(name: str) -> str:
    """ASCII, lowercase, hyphens: the same on every file system, and case never tells two apart.

    A name with no Latin letters (Khmer, say) gets a stable hash of its text instead.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:MAX_LENGTH].rstrip("-")
    if stem:
        return stem
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).casefold().encode()).hexdigest()
    return f"signer-{digest[:12]}"
