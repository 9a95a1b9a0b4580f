"""Word lists behind name normalisation: abbreviations, spellings, suffixes, places."""

from __future__ import annotations

from collections.abc import Callable

Words = tuple[str, ...]

# Abbreviations as written without their punctuation ("Int'l", "Intl." -> "intl").
ABBREVIATIONS: dict[str, str] = {
    "intl": "international",
    "assoc": "association",
    "assn": "association",
    "asso": "association",
    "org": "organization",
    "orgn": "organization",
    "ctr": "center",
    "cntr": "center",
    "natl": "national",
    "dev": "development",
    "devt": "development",
    "inst": "institute",
    "univ": "university",
    "soc": "society",
    "fdn": "foundation",
    "fndn": "foundation",
    "dept": "department",
    "govt": "government",
    "cttee": "committee",
    "cmte": "committee",
    "coop": "cooperative",
    "fed": "federation",
    "grp": "group",
    "netw": "network",
    "ntwk": "network",
    "mgmt": "management",
    "educ": "education",
    "envt": "environment",
    # Company written short, in English and French ("Co. of America", "Cie").
    "co": "company",
    "cie": "company",
    # Contractions written without a mark (issue 23: a shortened word counts only when it
    # is marked or listed).
    "mfg": "manufacturing",
    "labs": "laboratories",
    "bros": "brothers",
    "svcs": "services",
    "svc": "service",
    "mgt": "management",
    "assocs": "associates",
}

# Short words that are abbreviations ("St" -> "Saint") although they have only two letters;
# longer ones are recognised by rule (compare.abbreviates).
SHORT_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "st": frozenset({"saint", "street", "state"}),
    "mt": frozenset({"mount", "mountain"}),
    "ft": frozenset({"fort"}),
}

# Several words written as one short form: the long form is read as the short one.
PHRASES: dict[Words, Words] = {
    ("united", "states"): ("us",),
    ("united", "states", "of", "america"): ("us",),
    ("usa",): ("us",),
    ("united", "kingdom"): ("uk",),
    ("united", "nations"): ("un",),
    ("non", "governmental", "organization"): ("ngo",),
    ("nongovernmental", "organization"): ("ngo",),
    ("research", "and", "development"): ("r", "and", "d"),
    ("rd",): ("r", "and", "d"),
}

# British (and other) spellings mapped to one form; only whole words, never a rule on endings
# that would also catch words such as "enterprise".
SPELLINGS: dict[str, str] = {
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "defence": "defense",
    "licence": "license",
    "offence": "offense",
    "programme": "program",
    "programmes": "programs",
    "labour": "labor",
    "colour": "color",
    "honour": "honor",
    "favour": "favor",
    "behaviour": "behavior",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "neighbourhood": "neighborhood",
    "harbour": "harbor",
    "rumour": "rumor",
    "humour": "humor",
    "endeavour": "endeavor",
    "counsellor": "counselor",
    "counselling": "counseling",
    "travelling": "traveling",
    "jewellery": "jewelry",
    "paediatric": "pediatric",
    "paediatrics": "pediatrics",
    "anaemia": "anemia",
    "foetal": "fetal",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "grey": "gray",
    "aluminium": "aluminum",
    "mould": "mold",
    "plough": "plow",
    "sceptic": "skeptic",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "cheque": "check",
    "tyre": "tire",
    "practise": "practice",
    "analyse": "analyze",
    "organise": "organize",
    "organised": "organized",
    "organising": "organizing",
    "mobilise": "mobilize",
    "recognise": "recognize",
    "realise": "realize",
}

# Endings rewritten as a rule: no common English word ends in -isation without meaning -ization.
SPELLING_ENDINGS: tuple[tuple[str, str], ...] = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("isational", "izational"),
)

# Legal forms dropped at the end of a name ("Inc.", "Ltd", "e.V.").
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "corp",
        "corporation",
        "co",
        "ev",
        "gmbh",
        "ggmbh",
        "ag",
        "asbl",
        "aisbl",
        "vzw",
        "sarl",
        "srl",
        "bv",
        "nv",
        "cic",
        "pbc",
        "gemeinnutzige",
        "ong",
    }
)

# Legal forms of many countries from cleanco's termdata (maintained, MIT), as word sequences
# the way words() reads them: "Co., Ltd." -> ("co", "ltd"), "S.L." -> ("sl",). Left out: the
# ones that are places or ordinary words in names ("UK", "as", "at", "et", "ok", "e.g.",
# "private"), which would merge chapters such as "Save the Children UK".
NOT_LEGAL_FORMS: frozenset[str] = frozenset(
    {"uk", "nl", "as", "at", "et", "ok", "eg", "private", "ee", "ec", "da", "ei", "sd", "ad", "pp"}
)


# Legal forms written out in full, which cleanco lists only abbreviated ("Pvt. Ltd.", "K.K.",
# "A/S"): the full names of common forms of the ISO 20275 Entity Legal Forms list (GLEIF),
# in English and in the countries' own words.
WRITTEN_OUT_LEGAL_FORMS: tuple[str, ...] = (
    "pty",
    "pvt",
    "proprietary",
    "private limited",
    "private limited company",
    "proprietary limited",
    "public limited company",
    "limited company",
    "limited partnership",
    "limited liability company",
    "limited liability partnership",
    "kabushiki kaisha",
    "godo kaisha",
    "yugen kaisha",
    "aktiengesellschaft",
    "gesellschaft mit beschrankter haftung",
    "eingetragener verein",
    "aktiebolag",
    "aktieselskab",
    "anpartsselskab",
    "aksjeselskap",
    "osakeyhtio",
    "naamloze vennootschap",
    "besloten vennootschap",
    "societe anonyme",
    "societe a responsabilite limitee",
    "sociedad anonima",
    "sociedad limitada",
    "sociedade anonima",
    "societa per azioni",
    "societa a responsabilita limitata",
)

# Short legal forms left out of NOT_LEGAL_FORMS because they are also words ("as", "at"), yet
# legal forms beyond doubt when written as letters at the end of a name: "A.S.", "AS".
LETTERED_LEGAL_FORMS: frozenset[str] = frozenset({"as", "at", "et", "ee", "ec", "da", "ei", "sd"})


def legal_form_sequences(terms: list[str], read: Callable[[str], list[str]]) -> frozenset[Words]:
    """Each term read into words; single words also from LEGAL_SUFFIXES, and the forms
    written out in full."""
    found: set[Words] = {(word,) for word in LEGAL_SUFFIXES}
    found.update(tuple(read(term)) for term in WRITTEN_OUT_LEGAL_FORMS)
    for term in terms:
        words = tuple(read(term))
        if not words or (len(words) == 1 and words[0] in NOT_LEGAL_FORMS):
            continue
        if all(word in LINKING_WORDS or word in PLACES for word in words):
            continue
        found.add(words)
    return frozenset(found)


def cleanco_terms() -> list[str]:
    from cleanco import termdata  # type: ignore[import-untyped]

    terms: set[str] = set()
    for table in (termdata.terms_by_type, termdata.terms_by_country):
        for listed in table.values():
            terms.update(listed)
    return sorted(terms)


# Dropped at the end too, but only while a word of the name remains ("Asia Foundation").
FOUNDATION_SUFFIXES: frozenset[str] = frozenset(
    {"foundation", "foundations", "stiftung", "fondation", "fundacion", "fondazione"}
    # Issue 23: "Khmer Youth Association" is "Khmer Youth" (three words or more).
    | {"organization", "association"}
)

# Words that many organisations' names share: a typing error in one of them changes no
# body's identity ("Univeristy"), while one in a name's only other word may well make another
# body's name ("General Tire" / "General Time"). Read by compare._typos (issue 23).
_GENERIC = """
    action advocacy agency alliance america american association associates bank board bureau
    campaign center centre children church citizens coalition college commission committee
    community company cooperative corporation council defense department development
    education electric electronics engineering environment equipment federation forum
    foundation fund general global government group health hospital human industries industry
    information institute international justice laboratories laboratory league legal
    management manufacturing media medical ministry movement national network office
    organization people peace products program project public research rights school science
    sciences service services society solutions systems technologies technology trust union
    united university women workers world youth
"""
GENERIC_WORDS: frozenset[str] = frozenset(_GENERIC.split())

# Words that carry no identity: left out of keys and initials.
DROPPED_WORDS: frozenset[str] = frozenset({"the"})
LINKING_WORDS: frozenset[str] = frozenset(
    {
        "of",
        "for",
        "the",
        "and",
        "in",
        "on",
        "to",
        "at",
        "by",
        "with",
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "et",
        "y",
        "e",
        "del",
        "der",
        "die",
        "das",
        "und",
        "fur",
        "van",
        "voor",
        "en",
    }
)

# Places: two names that differ by a place name are chapters, never typing errors.
_PLACES = """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile china
colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti dominica ecuador
egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana
greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq
ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait
kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg
madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova
monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands
holland nederland zealand nicaragua niger nigeria macedonia norway oman pakistan palau palestine
panama papua paraguay peru philippines poland portugal qatar romania russia rwanda samoa
senegal serbia seychelles sierra singapore slovakia slovenia somalia spain lanka sudan
suriname sweden switzerland syria taiwan tajikistan tanzania thailand timor togo tonga
trinidad tunisia turkey turkiye turkmenistan tuvalu uganda ukraine emirates kingdom britain
england scotland wales uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia
zimbabwe usa uk us eu america americas africa asia europe oceania pacific caribbean arab
latin nordic balkans deutschland france espana italia schweiz suisse osterreich belgique
sverige norge danmark suomi polska
phnom penh battambang siem reap kampot kampong cham chhnang speu thom kandal kep koh kong
kratie mondulkiri oddar meanchey pailin preah sihanouk sihanoukville vihear prey veng pursat
ratanakiri stung treng svay rieng takeo tbong khmum banteay
bangkok hanoi saigon jakarta manila yangon vientiane dhaka delhi mumbai kathmandu colombo
karachi lahore kabul tehran baghdad beirut amman cairo nairobi kampala kigali lagos accra dakar
abuja johannesburg pretoria harare lusaka maputo addis ababa khartoum tunis rabat algiers
london paris berlin brussels geneva zurich vienna rome madrid lisbon amsterdam hague rotterdam
copenhagen stockholm oslo helsinki warsaw prague budapest bucharest sofia athens istanbul
ankara moscow kyiv kiev minsk tbilisi yerevan baku almaty tashkent bishkek dushanbe new york
washington boston chicago toronto montreal vancouver ottawa sydney melbourne auckland tokyo
seoul beijing shanghai hongkong hong taipei singapore kuala lumpur mexico bogota lima quito
santiago buenos aires montevideo caracas havana brasilia janeiro paulo
north south east west northern southern eastern western central northeast northwest southeast
southwest upper lower greater
"""
PLACES: frozenset[str] = frozenset(_PLACES.split())
