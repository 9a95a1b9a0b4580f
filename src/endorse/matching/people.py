"""People's names (``kind = "individual"``): given and family names, not an organisation's words.

A person's name is read as its words in Latin letters (other scripts transliterated by the
``anyascii`` package), without titles ("Dr", "Prof.") and without a bracketed affiliation
("Sok Dara (Oxfam)": a note, not part of the name). Two names are one person when, read in
either order (family name first or last), they agree word by word:

- the family name (the last word, or the first) equal, or with one typing error in a word of
  five letters or more that keeps its first letter (a transposition, a dropped or doubled
  letter);
- the given name equal, an initial of it ("J. Smith"), a nickname of it from the ``nicknames``
  package's list ("Bob" / "Robert"), or with one such typing error;
- middle names and patronymics may be left out or written as initials, never contradicted
  ("Søren Y. Lindqvist" / "Søren E. Lindqvist" are two people);
- the words run together or split ("AlisherUsmanov"), in a name of eight letters or more, or a
  particle run into the family name ("De Jonghe" / "DeJonghe");
- a given name spelt another way ("Mordechay" / "Mordechai", ``given_spelling``), a family name
  with a doubled letter ("Yasur" / "Yassur"), counted as the name's one typing error;
- a first given name left out when the second is written in full ("Raymond Bruce McLauchlan" /
  "Bruce McLauchlan").

A hyphenated name is one name: its parts may be initials, never left out ("Hong-Fen Guo" is
not "Hong Guo"). A name with an initial in front of a full given name goes by that name ("J.
Don Chen" is not "Jinfa Chen"). A feminine form is another name ("Louis" / "Louise").

Never a prefix "abbreviation" of a name: "Lee" is not "Leeson", "Ivan" is not "Ivanka". At
most one typing error in the whole name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA

# Said before or after a name, never part of it.
TITLES = frozenset(
    (
        *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"),
        *("rev", "revd", "hon", "fr", "sr", "jr", "phd", "md", "esq", "mme", "mlle"),
        *("ii", "iii", "iv"),
    )
)
_BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")
_SPLIT = re.compile(r"[\s.,;:/·・_]+")
_HYPHENS = re.compile(r"[\-‐‑–—]+")
# Mark the parts of a hyphenated name in ``person_words`` ("+hong", "-fen", "guo"): none of
# them may be left out.
HEAD = "+"
BOUND = "-"
_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼ`´"), None)
_LETTERS = re.compile(r"[a-z0-9]+")

# One typing error counts only in words this long, and only one in a whole name.
MIN_TYPO_WORD = 5
MIN_TYPO_FAMILY = 6
# Spelling variants ("Shabtay" / "Shabtai", "Yasur" / "Yassur") count in words this long.
MIN_SPELLING_WORD = 4
# Words run together ("AlisherUsmanov") count in names with at least this many letters.
MIN_RUN_TOGETHER = 8

SAME = "same after normalisation"
SPELLING = "spelling variant"
FIRST_LEFT_OUT = "first given name left out"
WORD_ORDER = "word order"
INITIALS = "initials"
MIDDLE = "middle name left out"
NICKNAME = "nickname"
TYPO = "typing error"
RUN_TOGETHER = "words run together"
TRANSLITERATED = "transliteration"
NOTE = "affiliation in brackets read as a note"


@lru_cache(maxsize=65536)
def person_words(text: str) -> tuple[str, ...]:
    """A person's name as lower-case Latin words: brackets, titles and punctuation out,
    other scripts transliterated, initials apart ("J.C." and "JC" are two initials)."""
    text = unicodedata.normalize("NFKC", _BRACKETED.sub(" ", text))
    has_small = any(char.islower() for char in text)
    found: list[str] = []
    for written in _SPLIT.split(text.translate(_APOSTROPHES)):
        pieces = [piece for piece in _HYPHENS.split(written) if piece]
        parts = [_word(piece) for piece in pieces] if len(pieces) > 1 else []
        if parts and all(len(part) > 1 for part in parts):
            # "Hong-Fen Guo": a hyphenated name is one name. Its later parts are bound: they
            # may be written as initials ("Hong F. Guo"), never left out ("Hong Guo" is
            # another person).
            found.append(HEAD + parts[0])
            found.extend(BOUND + part for part in parts[1:])
            continue
        for piece in pieces:
            if (
                has_small
                and piece.isalpha()
                and piece.isupper()
                and 2 <= len(piece) <= 3
                and piece.lower() not in TITLES
            ):
                # "JC Juncker": capitals written together in a name that has small letters.
                found.extend(anyascii(piece).lower())
                continue
            found.extend(_LETTERS.findall(anyascii(piece).lower()))
    kept = [word for word in found if word not in TITLES]
    return tuple(kept or found)


def _word(piece: str) -> str:
    return "".join(_LETTERS.findall(anyascii(piece).lower()))


@lru_cache(maxsize=65536)
def plain_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """``person_words`` without the marks of hyphenated parts: the letters read."""
    return tuple(map(_plain, words))


def _plain(word: str) -> str:
    return word.lstrip(HEAD + BOUND)


def _bound(word: str) -> bool:
    """Is ``word`` a part of a hyphenated name (never left out)?"""
    return word[:1] in (HEAD, BOUND)


def bracketed(text: str) -> bool:
    """Does ``text`` carry a bracketed note ("Sok Dara (Oxfam)")?"""
    return _BRACKETED.search(text) is not None


def transliterated(text: str) -> bool:
    """Did reading ``text`` need a script other than Latin?"""
    return not text.isascii() and any(ord(char) > 0x24F and char.isalpha() for char in text)


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    """Each listed name's names: its nicknames and the names it is a nickname of (the
    ``nicknames`` package's list, Apache-2.0)."""
    from nicknames import NickNamer

    related: dict[str, set[str]] = {}
    for canonical, nicks in NickNamer().nickname_lookup.items():
        for nick in nicks:
            related.setdefault(canonical, set()).add(nick)
            related.setdefault(nick, set()).add(canonical)
    return {name: frozenset(found) for name, found in related.items()}


def nickname_of(first: str, second: str) -> bool:
    """Is one given name listed as a nickname of the other ("bob" / "robert", "bill" /
    "william")? Two names that share a nickname are not one: "Anna" and "Hannah" both give
    "Nan"."""
    return second in _nicknames().get(first, ())


_FEMININE_ENDINGS = ("a", "e", "ine", "ina", "ette")


def _feminine_form(first: str, second: str) -> bool:
    """Is one given name the feminine form of the other? "Louis" / "Louise", "Edwin" /
    "Edwina", "Frederick" / "Frederica" are two people's names, though the nickname list
    pairs some of them and a letter added looks like a typing error."""
    short, long = sorted((first, second), key=len)
    # On every pair of given names compared: most differ in their first five letters.
    if short[:5] != long[:5] or len(long) - len(short) > 3:
        return False
    stem = next((at for at, letter in enumerate(short) if long[at] != letter), len(short))
    if stem < len(short) - 2:
        return False
    if short.endswith(_FEMININE_ENDINGS):
        # "Vince" / "Vincent", "Steve" / "Steven": the shorter is the nickname.
        return len(long) == len(short) and not long.endswith(_FEMININE_ENDINGS)
    return long.endswith(_FEMININE_ENDINGS)


def canonical_initials(word: str) -> set[str]:
    """The first letters a given name may be filed under: its own and its listed names'."""
    return {name[0] for name in _nicknames().get(word, ())} | {word[0]}


def _typo(x: str, y: str) -> bool:
    """One typing error in a word long enough, its first letter kept."""
    return (
        min(len(x), len(y)) >= MIN_TYPO_WORD
        and x[0] == y[0]
        and not (x.isdigit() or y.isdigit())
        and OSA.distance(x, y, score_cutoff=1) <= 1
    )


_HARD_C = re.compile(r"c(?![eiy])")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def given_spelling(word: str) -> str:
    """A given name as it sounds across spellings and transliterations: "Mordechay" /
    "Mordechai", "Raphael" / "Rafael", "Aryeh" / "Arie", "Coby" / "Koby", "Freddy" / "Freddi"
    (ph as f, a hard c as k, y as i, doubled letters once, a final "eh" as "e")."""
    spelled = _DOUBLED.sub(r"\1", _HARD_C.sub("k", word.replace("ph", "f")).replace("y", "i"))
    return spelled[:-1] if spelled.endswith("eh") else spelled


@lru_cache(maxsize=65536)
def family_spelling(word: str) -> str:
    """A family name with doubled letters once and "ck" as "k": "Yassur" / "Yasur",
    "Bialick" / "Bialik". Vowels stay: "Smyth" is not "Smith", "Salomon" not "Solomon"."""
    return _DOUBLED.sub(r"\1", word.replace("ck", "k"))


def _given(x: str, y: str) -> str | None:
    """How two given (or middle) names agree: "" when equal, else the reason, or None.

    A letter replaced never turns one listed given name into another ("Edwin" is not
    "Erwin") nor changes its last letter ("Maria" / "Mario"); a letter dropped or doubled may
    ("Emanuel" / "Emmanuel")."""
    if x == y:
        return ""
    if (len(x) == 1 or len(y) == 1) and x[0] == y[0]:
        return INITIALS
    if len(x) > 1 and len(y) > 1:
        if _feminine_form(x, y):
            return None
        if nickname_of(x, y):
            return NICKNAME
        if min(len(x), len(y)) >= MIN_SPELLING_WORD and given_spelling(x) == given_spelling(y):
            return SPELLING
        table = _nicknames()
        replaced = len(x) == len(y)
        # Another ending is another name: Maria / Mario, Anna / Anne, Roberto / Roberta.
        if replaced and (x[-1] != y[-1] or (x in table and y in table)):
            return None
        if _typo(x, y):
            return TYPO
    return None


def _family(x: str, y: str) -> str | None:
    """Family names agree when equal, or one typing error apart in a word of MIN_TYPO_FAMILY
    letters or more: short surnames are too often another's ("Bares" / "Baras")."""
    if x == y:
        return ""
    if min(len(x), len(y)) >= MIN_SPELLING_WORD and family_spelling(x) == family_spelling(y):
        return SPELLING
    if min(len(x), len(y)) >= MIN_TYPO_FAMILY and _typo(x, y):
        return TYPO
    return None


def _align(short: tuple[str, ...], long: tuple[str, ...]) -> list[str] | None:
    """Reasons why ``short`` (given ... family) names the person ``long`` names, in this
    order, or None. ``short`` has no more words than ``long``."""
    plain_short, plain_long = plain_words(short), plain_words(long)
    family = _family(plain_short[-1], plain_long[-1])
    given = _given(plain_short[0], plain_long[0])
    if family is None or given is None:
        return None
    reasons = [family, given]
    middles, others, plain_others = plain_short[1:-1], long[1:-1], plain_long[1:-1]
    # "J. Don Chen" goes by Don: "Jinfa Chen" must meet "Don", not the initial.
    goes_by = given == INITIALS and len(long[0]) == 1 < len(short[0])
    if (
        goes_by
        and others
        and len(others[0]) > 1
        and (not middles or _given(middles[0], plain_others[0]) is None)
    ):
        return None
    # Each middle word of the shorter name meets one of the longer's, in order; the longer
    # may have more (left out in the shorter), never a different one in the same place,
    # never part of a hyphenated name.
    place = 0
    for word in middles:
        while place < len(others) and _given(word, plain_others[place]) is None:
            if _bound(others[place]):
                return None
            place += 1
            reasons.append(MIDDLE)
        if place == len(others):
            return None
        reasons.append(_given(word, plain_others[place]) or "")
        place += 1
    if place < len(others):
        if any(_bound(word) for word in others[place:]):
            return None
        reasons.append(MIDDLE)
    if reasons.count(TYPO) + reasons.count(SPELLING) > 1:
        return None
    return reasons


def _orders(words: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    """A name as written, and with its family name moved from the front to the end (or
    from the end to the front): "Sok Dara" / "Dara Sok"."""
    if len(words) < 2:
        return [(words, "")]
    return [
        (words, ""),
        (words[1:] + words[:1], WORD_ORDER),
        (words[-1:] + words[:-1], WORD_ORDER),
    ]


def compare_people(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, list[str]] | None:
    """Score and reasons when two people's names (``person_words``) are one person."""
    found = _compare(a, b)
    if found is not None:
        return found
    # A particle run into the family name on one side only: "Lutgard C. De Jonghe" /
    # "Lutgard DeJonghe".
    joined_a, joined_b = _particle_joined(a), _particle_joined(b)
    readings = dict.fromkeys(((joined_a, b), (a, joined_b), (joined_a, joined_b)))
    readings.pop((a, b), None)
    for x, y in readings:
        if x != y and (found := _compare(x, y)) is not None:
            return min(found[0], 0.88), [*found[1], RUN_TOGETHER]
    return None


def _particle_joined(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name with a particle of two or three letters run into the family name after it
    ("de jonghe" as "dejonghe", "van ramm" as "vanramm"), or the name itself."""
    if len(words) >= 3 and 2 <= len(_plain(words[-2])) <= 3:
        return (*words[:-2], _plain(words[-2]) + _plain(words[-1]))
    return words


def _compare(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, list[str]] | None:
    if not a or not b:
        return None
    plain_a, plain_b = plain_words(a), plain_words(b)
    if plain_a == plain_b:
        return 0.97, [SAME]
    if sorted(plain_a) == sorted(plain_b) and len(a) >= 2:
        return 0.9, [WORD_ORDER]
    if "".join(plain_a) == "".join(plain_b):
        if len("".join(plain_a)) >= MIN_RUN_TOGETHER:
            return 0.9, [RUN_TOGETHER]
        return None
    if len(a) < 2 or len(b) < 2:
        return None
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    # An initial in front of the given name ("M. Diane Zebert") may be left out too, and a
    # first given name when the second is the one in use ("Raymond Bruce McLauchlan" /
    # "Bruce McLauchlan"), then written in full and in the same order.
    longs = [(long, "")]
    if len(long) > len(short) and len(long) >= 3 and len(long[1]) > 1 and not _bound(long[1]):
        longs.append((long[1:], MIDDLE if len(long[0]) == 1 else FIRST_LEFT_OUT))
    best: list[str] | None = None
    for words, order in _orders(short):
        for other, skipped in longs:
            found = _align(words, other)
            # Names read in the other order must agree on the given name in full: "Alexander
            # Rebane" is not "R. Wayne Alexander".
            if found is not None and order and INITIALS in found[:2]:
                continue
            if found is not None and skipped == FIRST_LEFT_OUT and (order or any(found)):
                continue
            if found is not None:
                found = [reason for reason in [order, skipped, *found] if reason]
                if best is None or len(found) < len(best):
                    best = found
    if best is None:
        return None
    # Every word of the longer name met, or left out as a middle name: the shorter name's
    # full words must carry it. Two initials alone name nobody: "J. S." is not "John Smith".
    if sum(len(word) > 1 for word in short) < 1:
        return None
    # A first name left out is the weakest reading: the least a likely duplicate scores.
    score = 0.8 if FIRST_LEFT_OUT in best else round(max(0.8, 0.92 - 0.04 * len(best)), 2)
    return score, list(dict.fromkeys(best))


def person_keys(words: tuple[str, ...]) -> set[str]:
    """Block keys: two names that ``compare_people`` may join share one of them (or, for
    initials, one has the "i" key and the other the "I" key of the same family name and
    letter: ``partner_keys``). Each key is narrow, so that many people sharing a family name
    are not compared pair by pair.

    With the family name at either end: the letters run together ("c"); the family name and
    the given name, or a listed nickname of it ("e": middle names, word order, nicknames); the
    family name and a given initial ("i"), or the initial of a full given name ("I"); the
    family name and the given name with one letter deleted ("t": a typing error in the given
    name), and the reverse ("u"); both as they sound ("v": spelling variants); the words in
    any order ("o"). A name with a particle before its family name has the keys of the name
    with the particle run in too.
    """
    keys = _reading_keys(words)
    joined = _particle_joined(words)
    if joined != words:
        # "De Jonghe" meets "DeJonghe" through the keys of the name with its particle run
        # in (once: a name of many short words does not make a key set per word).
        keys |= _reading_keys(joined)
    return keys


def _reading_keys(words: tuple[str, ...]) -> set[str]:
    keys: set[str] = set()
    second_given = len(words) >= 3 and len(words[1]) > 1 and not _bound(words[1])
    words = plain_words(words)
    keys.add("c" + "".join(words))
    if len(words) < 2:
        return keys
    # Any word order: "King Tsu-Jae" / "Tsu-Jae King".
    keys.add("o" + " ".join(sorted(words)))
    ends = [(words[-1], words[0]), (words[0], words[-1])]
    if second_given and len(words[0]) == 1:
        # An initial in front of the given name left out: "M. Diane Zebert".
        ends.append((words[-1], words[1]))
    elif second_given and len(words[-1]) >= 2:
        # A first given name left out: "Raymond Bruce McLauchlan" meets "Bruce McLauchlan"
        # (an "e" key) and no other name with that middle name ("E" meets "e" only).
        keys.add(f"E{words[-1]} {words[1]}")
    for number, (family, given) in enumerate(ends):
        middles = words[1:-1] if number < 2 else words[2:-1]
        # Each middle initial once: a name's keys grow with its letters, not its words.
        initials = "".join(dict.fromkeys(word[0] for word in middles))
        keys |= _end_keys(family, given, initials)
    return keys


@lru_cache(maxsize=65536)
def _end_keys(family: str, given: str, middles: str) -> frozenset[str]:
    """``person_keys`` for one reading: family name, given name, middle initials. Cached:
    many people share a family and a given name."""
    if len(family) < 2:
        return frozenset()
    if len(given) == 1:
        return frozenset({f"i{family} {given}"})
    keys = {f"I{family} {given[0]}"}
    # Without middle names "e", with them "E" (they meet "e" only: a middle name left out);
    # names with middle names meet through each middle initial ("m").
    role = "E" if middles else "e"
    names = (given, *_nicknames().get(given, ()))
    for name in names:
        keys.add(f"{role}{family} {name}")
    keys.update(f"m{family} {given} {initial}" for initial in middles)
    if middles:
        # A nickname meets through the first middle initial only: "Ken W. Tobin".
        keys.update(f"m{family} {name} {middles[0]}" for name in names)
    if len(given) >= MIN_SPELLING_WORD:
        # As "e" / "E": a name without middle names meets names with them; names with
        # middle names meet when their middle initials are the same ("w").
        spelled = f"{family_spelling(family)} {given_spelling(given)}"
        keys.add(("V" if middles else "v") + spelled)
        if middles:
            keys.add(f"w{spelled} {middles}")
    if len(given) >= MIN_TYPO_WORD:
        keys.update(f"t{family} {near}" for near in _deletions(given))
    if len(family) >= MIN_TYPO_FAMILY:
        keys.update(f"u{given} {near}" for near in _deletions(family))
    return frozenset(keys)


def _deletions(word: str) -> set[str]:
    """The word and the word with each letter deleted: two words one typing error apart
    (a letter dropped, added, replaced or two swapped) share one of these."""
    return {word} | {word[:at] + word[at + 1 :] for at in range(len(word))}


# Keys that meet their partner's but not each other: a given initial and full given names,
# a name without middle names and names with them.
PARTNERS = {"i": "I", "e": "E", "v": "V"}
LONE = frozenset(PARTNERS.values())


def partner_keys(key: str) -> tuple[str, ...]:
    """The keys a form with ``key`` meets: itself, and its partner's (``PARTNERS``)."""
    head = key[:1]
    if head in PARTNERS:
        return key, PARTNERS[head] + key[1:]
    if head in LONE:
        return (next(k for k, v in PARTNERS.items() if v == head) + key[1:],)
    return (key,)
