"""Words, digits and dates that change with the language a statement is rendered in."""

from __future__ import annotations

import datetime as dt
import re

ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
KHMER_MONTHS = [
    "មករា",
    "កុម្ភៈ",
    "មីនា",
    "មេសា",
    "ឧសភា",
    "មិថុនា",
    "កក្កដា",
    "សីហា",
    "កញ្ញា",
    "តុលា",
    "វិច្ឆិកា",
    "ធ្នូ",
]
_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


def base(lang: str) -> str:
    """'km' for 'km-KH': the part that decides words and digits."""
    return lang.split("-", 1)[0].lower()


def number(value: int, lang: str) -> str:
    text = str(value)
    return text.translate(_KHMER_DIGITS) if base(lang) == "km" else text


def format_date(date: dt.date, lang: str = "en") -> str:
    """'5 May 2021'; in Khmer 'ថ្ងៃទី៥ ខែឧសភា ឆ្នាំ២០២១'; ISO 8601 for other languages."""
    if base(lang) == "km":
        day, year = number(date.day, lang), number(date.year, lang)
        return f"ថ្ងៃទី{day} ខែ{KHMER_MONTHS[date.month - 1]} ឆ្នាំ{year}"
    if base(lang) == "en":
        return f"{date.day} {ENGLISH_MONTHS[date.month - 1]} {date.year}"
    return date.isoformat()


def dateline(place: str | None, date: dt.date | None, lang: str = "en") -> str:
    parts = [place] if place else []
    if date:
        parts.append(format_date(date, lang))
    # Khmer separates the place from the date with a space, not a comma.
    return (" " if base(lang) == "km" else ", ").join(parts)


def conjunction(lang: str) -> str:
    """The word joining the last two names of a sentence-style group."""
    return "និង" if base(lang) == "km" else "and"


def _counted(count: int, singular: str, plural: str, lang: str) -> str:
    if base(lang) == "km":
        return f"{singular}ចំនួន {number(count, lang)}"
    return f"{count} {singular if count == 1 else plural}"


# English of these regions spells "organisation"; other English (en-US, en-CA...) "organization".
BRITISH_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in", "sg", "hk"})


_ORGANISATION = re.compile(r"\borgani[sz]ations?\b")


def english_spelling(lang: str, text: str = "") -> str:
    """The tag whose spelling the counts follow: ``lang`` when it names a region; for plain
    'en', the statement's own spelling ('en-GB' where ``text`` writes "organisation" and never
    "organization"), else 'en-US', the English Word tags a document with."""
    if base(lang) != "en" or "-" in lang:
        return lang
    spellings = {word[6] for word in _ORGANISATION.findall(text.casefold())}
    return "en-GB" if spellings == {"s"} else "en-US"


def _organisation(lang: str) -> str:
    region = lang.split("-")[1].lower() if "-" in lang else ""
    return "organisation" if region in BRITISH_REGIONS else "organization"


def counts_phrase(organizations: int, individuals: int, lang: str = "en") -> str:
    """'33 organizations and 2 individuals' ('organisations' in en-GB), leaving out a kind
    nobody signed as."""
    km = base(lang) == "km"
    word = _organisation(lang)
    parts = []
    if organizations or not individuals:
        parts.append(_counted(organizations, "អង្គការ" if km else word, f"{word}s", lang))
    if individuals:
        parts.append(_counted(individuals, "បុគ្គល" if km else "individual", "individuals", lang))
    return f" {conjunction(lang)} ".join(parts)


def endorsed_by(organizations: int, individuals: int, lang: str = "en") -> str:
    """The statement's counts line: 'Endorsed by 33 organizations and 2 individuals'."""
    phrase = counts_phrase(organizations, individuals, lang)
    return f"គាំទ្រដោយ{phrase}" if base(lang) == "km" else f"Endorsed by {phrase}"


def draft_mark(lang: str) -> str:
    """What a draft shows at the top of every page."""
    return "សេចក្តីព្រាង" if base(lang) == "km" else "DRAFT"


def chart_title(lang: str) -> str:
    """The growth chart's title, and its text alternative in a page."""
    return "ការគាំទ្រតាមពេលវេលា" if base(lang) == "km" else "Endorsements over time"


CHART_WORDS = {
    "total": {"en": "endorsements, in total", "km": "ចំនួនគាំទ្រសរុប"},
    "per week": {"en": "per week", "km": "ក្នុងមួយសប្តាហ៍"},
    "undated": {"en": "and {count} without an 'added' date", "km": "និង {count} គ្មានកាលបរិច្ឆេទ"},
}


def chart_words(key: str, lang: str) -> str:
    """The growth chart's axis labels and note, in the language (English where unknown)."""
    words = CHART_WORDS[key]
    return words.get(base(lang), words["en"])


# Where a Khmer cluster starts: a consonant or independent vowel that is not subscripted (after
# COENG U+17D2) nor a final consonant marked as one (before BANTOC U+17CB and its kin), right
# after a Khmer letter or sign.
_KHMER_SYLLABLE_START = re.compile(
    r"(?<=[\u1780-\u17D3\u17DD])(?<!\u17D2)(?=[\u1780-\u17B3](?![\u17CB\u17CE\u17CF]))"
)
ZERO_WIDTH_SPACE = "\u200b"


def khmer_cluster_breaks(text: str) -> str:
    """Khmer with a zero-width space between clusters (a consonant with its subscripts, vowels
    and signs): the fallback of ``khmer_line_breaks`` where no dictionary is installed. A long
    line may then break inside a word, but never tears a vowel from its consonant."""
    return _KHMER_SYLLABLE_START.sub(ZERO_WIDTH_SPACE, text)


KHMER_RUN = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]+")


def has_khmer(text: str) -> bool:
    return KHMER_RUN.search(text) is not None


def khmer_words(text: str) -> list[str] | None:
    """A run of Khmer cut into words by ICU's dictionary (icu4py), or None without it."""
    try:
        from icu4py.breakers import WordBreaker
    except ImportError:
        return None
    return [text[start:end] for start, end in WordBreaker(text, "km").segments()]


def khmer_line_breaks(text: str) -> str:
    """Khmer with a zero-width space between words, found by ICU's Khmer dictionary, for
    typesetters without one (WeasyPrint): they then break a long line between two words only.
    Without icu4py (the endorse[pdf] extra installs it), between clusters. Browsers and
    Chromium have the dictionary and get the text as written."""

    def words(match: re.Match[str]) -> str:
        run = match.group()
        found = khmer_words(run)
        if found is None:
            return khmer_cluster_breaks(run)
        # A word boundary is kept where it is also a cluster's start: never inside a cluster.
        clusters = {m.start() for m in _KHMER_SYLLABLE_START.finditer(run)}
        pieces, start, end = [], 0, 0
        for word in found:
            end += len(word)
            if end in clusters:
                pieces.append(run[start:end])
                start = end
        pieces.append(run[start:])
        return ZERO_WIDTH_SPACE.join(pieces)

    return KHMER_RUN.sub(words, text)
