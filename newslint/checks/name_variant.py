"""The same person or place spelled two ways in one article (`Guaidó` / `Guaido`).

## What it does
Compares the capitalized names of one article with each other - no list of
names is needed - and reports a name that is written in two or more ways:

- with and without diacritics: `Guaidó` / `Guaido`, `Nicolás` / `Nicolas`;
- two transliterations: `Gaddafi` / `Qaddafi` / `Kadhafi`, `Zelensky` /
  `Zelenskiy` (names that sound the same once `q`/`k`/`c`, `ph`/`f`, `dh`/`d`,
  `y`/`i`, `w`/`v` and doubled letters are folded);
- a typo: `Guaido` / `Guiado`, `Starship` / `Starhip` (one edit, or two in a
  name of 11 letters or more).

The less used form is reported and the form the article uses most is
suggested; a tie between an accented and a plain form goes to the accented one.

Guards against names that really are different:

- short names (fewer than 5 letters) are compared only for diacritics, so
  `Jon` / `John` and `Iran` / `Iraq` are never taken for one name;
- a name that is the start of the other or inside it (`Paul` / `Paula`,
  `Sudan` / `South Sudan`), or that differs only in its last letters
  (`Democrats` / `Democratic`, `Greece` / `Greek`, Russian and German
  inflections) is another word;
- two names with different first names or surnames next to them (`Jon
  Stewart` / `John Oliver`, `Boris Johnson` / `Gordon Johnston`) are two people;
  for a typo, a first name next to the odd spelling only (`Carl Bernstein` in an
  article about a `Dr. Harold Bornstein`) is enough; two words that stand next
  to each other (`Jumardi Jukardi`) are one person's two names;
- countries, nationalities, U.S. states and a few cities that look alike
  (`Austria` / `Australia`, `Colombia` / `Columbia`, `Slovakia` / `Slovenia`),
  and common pairs of surnames (`Davis` / `Davies`, `Peterson` / `Petersen`)
  are never merged, and a well-known place spelled right is never the typo;
- a typo needs a clear majority: the usual form at least twice, the odd one
  used once (or at most a third as often);
- words that the article also writes in lower case, titles, days and months,
  short lines on their own (menus, captions), model numbers (`Khark-5`),
  words in mojibake, and typos in German text (where every noun is
  capitalized) are not compared; nor is a usual form that is capitalized only
  at the start of sentences or in title-case headlines.

## Why is this bad?
Two spellings of one name split search results and entity counts, and show that
paragraphs were stitched together from different wires or that a name was
mistyped or stripped of its accents by a scraper.

## Example
```text
Juan Guaidó called for protests. Guaidó spoke in Caracas. Guaido said ...
```
The last `Guaido` is reported; the suggested fix writes `Guaidó`.

## Fix safety
**Unsafe**: the spelling of a name is an editorial choice, and two similar names
may still belong to two people. Inside quoted speech the finding is only
information.

## Options
- `min-length` (int, default 5): shortest name compared for transliterations
  and typos (diacritic variants are compared from 4 letters on).
- `diacritics` (bool, default true), `transliterations` (bool, default true),
  `typos` (bool, default true): switch each kind of variant on or off.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import filterfalse
from operator import add, itemgetter, methodcaller
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy

_WORD = lazy(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_BEFORE = lazy(r"((?:[^\W\d_]|[\u0300-\u036f])+)[ \t]*\n?[ \t]*$")
_AFTER = lazy(
    r"[ \t]*\n?[ \t]*(?:(?:bin|ibn|al|el|de|da|del|della|di|du|van|von|der|den|dos|das)[ \t]+)?"
    r"((?:[^\W\d_]|[\u0300-\u036f])+)"
)
_URLISH = lazy(r"\S*(?:https?://|www\.|@|\.com\b|\.org\b|\.net\b)\S*")
_URL_MARK = lazy(r"https?://|www\.|@|\.com\b|\.org\b|\.net\b")  # what _URLISH needs
_NON_SPACE = lazy(r"\S*")
# the runs of _WORD of four letters or more that may start with a capital: an ASCII
# capital or any non-ASCII letter (the caller checks str.isupper)
# A capital (ASCII, or any non-ASCII letter) not inside a word, then 3+ letters. The
# pattern opens with a character set (A-Z or not ASCII, written as a negated class:
# the range form takes 15x longer to compile) so that the regex engine can skip ahead
# to candidates; the lookbehinds then look at the letter just taken and the one before.
_CAPITALIZED = lazy(
    r"[^\x00-\x40\x5b-\x7f](?<=[^\W\d_])(?<![^\W\d_].)(?<![\u0300-\u036f].)"
    r"(?:[^\W\d_]|[\u0300-\u036f]){3,}"
)
# The same words in a text without letters outside ASCII, five letters or more
# (_may_pair's keys have min-length >= 5 letters). Opening with [A-Z] and looking
# behind from there lets the regex engine skip to capitals.
_CAPITALIZED_5 = lazy(r"[A-Z](?<![A-Za-z].)[A-Za-z]{4,}")
# a letter (as _CAPITALIZED counts letters) or a combining mark outside ASCII
_NON_ASCII_LETTER = lazy(r"[^\x00-\x7f](?<=[^\W\d_]|[\u0300-\u036f])")
_LETTER = lazy(r"[^\W\d_]|[\u0300-\u036f]")  # one character of _WORD
_DASH_DIGIT = lazy(r"-\d")
_START = methodcaller("start")
_HEAD = slice(None, 2)
_TAIL = slice(-2, None)
_MAX_CHAR = "\U0010ffff"  # after every letter
_SENTENCE_END = ".!?:;…•|·–—-"
_OPENERS = "\"'“”‘’«»„([{*"
_LATIN1_SYMBOLS = lazy("[\u0080-\u00bf]")

# Letters that are not split into a base letter and a mark by NFKD.
_FOLD_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
    }
)
# Spelling differences between transliterations of one name, applied in order.
_SKELETON_STEPS = (
    ("ph", "f"),
    ("dh", "d"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("y", "i"),
    ("w", "v"),
    ("ou", "u"),
)
_DOUBLED = lazy(r"(.)\1+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never names worth comparing: titles, days, months, and words that open sentences.
_STOP = _words(
    """
    mr mrs ms dr prof sir lord lady dame president presidents minister ministers
    senator senators governor general colonel captain sergeant major lieutenant
    admiral commander chairman chairwoman chancellor secretary judge justice king
    queen prince princess pope bishop father sister brother saint mayor premier
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december
    the this that these those there their they then than when where which while
    what who whom whose with without within after before other others another
    about above below under over into onto from some many most more much such
    """
)

# Places and peoples that look alike but are different (Austria / Australia).
_KNOWN_DISTINCT = frozenset(
    w.casefold()
    for w in _words(
        """
    Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin
    Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina Burundi Cambodia
    Cameroon Canada Chad Chile China Colombia Columbia Comoros Congo Croatia Cuba
    Cyprus Czechia Denmark Djibouti Dominica Dominican Ecuador Egypt Eritrea Estonia
    Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece
    Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia
    Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati
    Korea Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
    Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali
    Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro
    Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger
    Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines
    Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles
    Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland
    Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tunisia Turkey
    Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican Venezuela
    Vietnam Yemen Zambia Zimbabwe
    Afghan Albanian Algerian Argentine Argentinian Armenian Australian Austrian
    Bolivian Brazilian Bulgarian Colombian Croatian Cuban Egyptian Estonian
    Georgian Ghanaian Guinean Guyanese Hungarian Indian Indonesian Iranian Iraqi
    Israeli Italian Jordanian Latvian Lebanese Liberian Libyan Lithuanian Malaysian
    Malian Maltese Mauritanian Mongolian Nigerian Nigerien Panamanian Paraguayan
    Romanian Russian Rwandan Serbian Slovak Slovakian Slovene Slovenian Somali
    Sudanese Swiss Swedish Syrian Tunisian Ugandan Ukrainian Uruguayan Zambian
    Gambian Austrians Australians Indians Iranians Iraqis
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
    Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada
    Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia
    Washington Wisconsin Wyoming Dakota Carolina
    Austin Boston Dallas Denver Houston Chicago Berlin Bern Berne Dublin Durban
    Geneva Genoa Hamburg Homburg Lyon Lyons Munich Zurich Salzburg Strasbourg Vienna
    Venice Vienne Paris Parma Perth Porto Prague Riga Rome Kiev Kyiv Kiel Baghdad
    Bangkok Bangalore Colombo Jakarta Karachi Lagos Lima Manila Milan Mumbai Nairobi
    Ottawa Oslo Sydney Tokyo Toronto Taipei Tehran Tirana Tripoli Tunis
    Brasil Australasia Australasian Iberia Iberian Texan Texans Californian Californians
    """
    )
)


# Surnames and first names that are different names, not misspellings of each other.
_DISTINCT_PAIRS = frozenset(
    frozenset(pair.split("/"))
    for pair in _words(
        """
    davis/davies stevens/stephens steven/stephen philips/phillips philip/phillip
    thompson/thomson johnson/johnston peterson/petersen anderson/andersen
    nielsen/nielson hansen/hanson olsen/olson larsen/larson jensen/jenson
    carlson/carlsen mathews/matthews matthew/mathew allen/allan lewis/louis
    mcdonald/macdonald mckenzie/mackenzie frederick/frederik catherine/katherine
    katherine/kathryn rachel/rachael hannah/hanna sarah/sara
    dianne/diane martin/marvin carter/carver smith/smyth
    brian/bryan kathy/cathy
    """
    )
)


# Frequent words of German (and Luxembourgish), where every noun is capitalized, so a
# capital letter is no evidence of a name: typos are not looked for there.
_GERMAN = _words(
    "der die das und nicht ist mit den dem des von zu auf für ein eine einer sich "
    "werden wird auch sind wurde oder bei aus nach wie"
)


@lru_cache(maxsize=1 << 16)  # a pure function of a word; names recur across articles
def fold(word: str) -> str:
    """Case- and diacritic-free form: ``Guaidó`` -> ``guaido``."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def skeleton(folded: str) -> str:
    """A rough sound-alike form for transliterations: ``qaddafi`` -> ``kadafi``."""
    s = folded
    for a, b in _SKELETON_STEPS:
        s = s.replace(a, b)
    return _DOUBLED.sub(r"\1", s)


@lru_cache(maxsize=1 << 16)
def sound(folded: str) -> str:
    """The skeleton, with an initial ``g`` read as ``k`` (Gaddafi / Kadhafi / Qaddafi)."""
    s = skeleton(folded)
    return "k" + s[1:] if s.startswith("g") else s


def _marks(word: str) -> int:
    return sum(1 for c in word if ord(c) > 127)


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    initial: bool  # at the start of a sentence, a paragraph or a title-case line


class _Name:
    """All occurrences of one spelling."""

    __slots__ = ("folded", "occurrences", "spelling")

    def __init__(self, spelling: str) -> None:
        self.spelling = spelling
        self.folded = fold(spelling)
        self.occurrences: list[_Token] = []

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def named(self) -> bool:
        """Used at least once where only a name would be capitalized."""
        return any(not t.initial for t in self.occurrences)


def _line_kind(doc: Document, number: int) -> str:
    """For line ``number`` (from 0): "label" (a short line on its own: a menu item, a
    caption, a subhead - not counted at all), "title" (most words capitalized: capitals
    prove nothing there) or "prose"."""
    lines = doc.lines
    text = lines[number].text
    stripped = text.strip()
    alone = (number == 0 or not lines[number - 1].text.strip()) and (
        number == len(lines) - 1 or not lines[number + 1].text.strip()
    )
    if alone and len(stripped.split()) <= 5 and stripped[-1:] not in '.!?"”’)':
        return "label"
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return "title"
    return "prose"


def _is_initial(text: str, start: int) -> bool:
    i = start - 1
    newlines = 0
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        if text[i] == "\n":
            newlines += 1
        i -= 1
    return i < 0 or newlines >= 2 or text[i] in _SENTENCE_END


def _tokens(doc: Document, spellings: set[str] | None = None) -> list[_Token]:
    """The capitalized words compared, in text order; with ``spellings``, just those
    (the others cannot be part of a pair: see ``_candidates``)."""
    text = doc.text
    urls = _Urls(text)
    kinds: dict[int, str] = {}
    line_starts = doc.line_starts
    out = []
    for m in _capitalized(text, spellings):
        word = m.group()
        rest = word[1:]
        if not word[0].isupper() or not (rest.islower() or any(c.islower() for c in rest)):
            continue
        start, end = m.span()
        if start and text[start - 1] in "@#/\\.":
            continue
        if _LATIN1_SYMBOLS.match(text, end) or (start and _LATIN1_SYMBOLS.match(text, start - 1)):
            continue  # mojibake: NicolÃ¡s
        if "Ã" in word or "Â" in word:
            continue
        if _DASH_DIGIT.match(text, end):
            continue  # a model or a ship: Khark-5, Sukhoi-30
        if start in urls:
            continue
        number = bisect_right(line_starts, start) - 1
        kind = kinds.get(number)
        if kind is None:
            kind = kinds[number] = _line_kind(doc, number)
        if kind == "label":
            continue
        initial = kind == "title" or _is_initial(text, start)
        out.append(_Token(word, start, end, initial))
    return out


def _capitalized(text: str, spellings: set[str] | None) -> Iterable[re.Match[str]]:
    """The matches of _CAPITALIZED, or those of ``spellings``, found where the words
    occur and _CAPITALIZED matches (it matches at a position exactly when finditer
    would find a match there: each match is a whole run of letters, so matches never
    overlap or hide one another)."""
    if spellings is None:
        return _CAPITALIZED.finditer(text)
    out = []
    for word in spellings:
        at = text.find(word)
        while at >= 0:
            m = _CAPITALIZED.match(text, at)
            if m is not None and m.end() == at + len(word):
                out.append(m)
            at = text.find(word, at + 1)
    out.sort(key=_START)
    return out


class _Urls:
    """The positions inside a match of _URLISH (web addresses, handles). A match of
    ``\\S*(?:mark)\\S*`` is a whole run of non-space characters that holds a mark
    (the run's start is the first position a match can start from; the greedy tail
    runs to its end), so a position is inside one when its run holds a mark. Most
    articles have no mark at all."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.none = _URL_MARK.search(text) is None
        self.backwards: str | None = None

    def __contains__(self, at: int) -> bool:
        if self.none:
            return False
        text = self.text
        if self.backwards is None:
            self.backwards = text[::-1]
        start = len(text) - _run_end(self.backwards, len(text) - at)
        # the run ends at a space or at the end of the text: \\b after ".com" sees
        # the same there as at the end of the searched part
        return _URL_MARK.search(text, start, _run_end(text, at)) is not None


def _run_end(text: str, at: int) -> int:
    """The end of the run of non-space characters from ``at``."""
    m = _NON_SPACE.match(text, at)
    return m.end() if m else at


def _german(text: str) -> bool:
    """More than 15% of the lower-case words are frequent German words."""
    lower = [w for w in _WORD.findall(text) if w.islower()]
    return sum(1 for w in lower if w in _GERMAN) > 0.15 * len(lower)


def _neighbours(text: str, name: _Name, lower_words: Container[str]) -> tuple[set[str], set[str]]:
    """Capitalized words right before and right after the name (first names, surnames),
    leaving out titles and ordinary words that open a sentence ("Yesterday Guaido")."""
    before: set[str] = set()
    after: set[str] = set()
    for t in name.occurrences:
        m = _BEFORE.search(text, max(0, t.start - 40), t.start)
        if m and m.group(1)[0].isupper():
            word = fold(m.group(1))
            ordinary = word in lower_words and _is_initial(text, m.start(1))
            if word not in _STOP and not ordinary:
                before.add(word)
        m = _AFTER.match(text, t.end)
        if m and m.group(1)[0].isupper():
            word = fold(m.group(1))
            if word not in _STOP:
                after.add(word)
    return before, after


def _typo_edits(a: str, b: str) -> int:
    """Edits a typo may make: one, or two in a long name."""
    return 1 if min(len(a), len(b)) < 11 else 2


def _ending_only(a: str, b: str) -> bool:
    """The two differ only in their endings: an inflection or a derived word
    (Democrats / Democratic, Greece / Greek, Оксана / Оксаны), not a typo. A typo
    near the end keeps the last letter (Taiwain / Taiwan) or swaps two (Hoechts)."""
    p = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        p += 1
    ra, rb = a[p:], b[p:]
    if p < 3 or len(ra) > 3 or len(rb) > 3:
        return False
    # a typo near the end keeps the last letter or swaps two letters
    return not (ra and rb and (ra[-1] == rb[-1] or sorted(ra) == sorted(rb)))


def _adjacent_pairs(text: str, names: dict[str, _Name]) -> set[frozenset[str]]:
    """Folded spellings that stand next to each other somewhere (first name + surname)."""
    out: set[frozenset[str]] = set()
    for name in names.values():
        for t in name.occurrences:
            m = _AFTER.match(text, t.end)
            if m:
                out.add(frozenset((name.folded, fold(m.group(1)))))
    return out


def _osa_bound(a: str, b: str) -> int:
    """A lower bound of the edit distance (with transpositions), from character counts:
    the characters of the longer that the shorter lacks."""
    common = sum(min(a.count(c), b.count(c)) for c in set(a))
    return max(len(a), len(b)) - common


def _too_far(a: str, b: str, edits: int) -> bool:
    """More than ``edits`` apart for sure: the exact distance once rapidfuzz is loaded
    (another rule or an earlier document loaded it), else the cheap lower bound, so a
    one-file run does not pay for importing it. Either way an exact check follows."""
    osa = sys.modules.get("rapidfuzz.distance.OSA")
    if osa is not None:
        return bool(osa.distance(a, b, score_cutoff=edits) > edits)
    return _osa_bound(a, b) > edits


def _key_pairs(
    keys: list[str], transliterations: bool, typos: bool, frequent: set[str]
) -> list[tuple[str, str, str]]:
    """Pairs of folded spellings (sorted) that could be one name written twice, judged
    on the two spellings alone: ``(kind, a, b)`` with kind "transliteration" (same
    sound) or "typo" (an edit or two apart, not an inflection, not a longer name; one
    of the two in ``frequent``, as the usual spelling is used at least twice)."""
    sounds = {k: sound(k) for k in keys}
    pairs: set[tuple[str, str]] = set()
    by_sound: dict[str, list[str]] = defaultdict(list)
    by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)  # first letter, length
    for k in keys:
        by_sound[sounds[k]].append(k)
        by_shape[k[0], len(k)].append(k)
    for bucket in by_sound.values():
        pairs.update((a, b) for i, a in enumerate(bucket) for b in bucket[i + 1 :])
    if typos:
        # typo candidates are judged here, as they are found: most are not
        for f in frequent.intersection(keys):
            size, first, sound_f = len(f), f[0], sounds[f]
            reach = 1 if size < 11 else 2
            for length in range(size - reach, size + reach + 1):
                for b in by_shape.get((first, length), ()):
                    if b == f or sounds[b] == sound_f:
                        continue  # itself, or a transliteration pair (above)
                    edits = _typo_edits(f, b)
                    if abs(size - length) > edits:
                        continue
                    a, z = (f, b) if f < b else (b, f)
                    if _typo_pair(a, z, edits):  # not Sudan / South Sudan, Paul / Paula,
                        pairs.add((a, z))  # Greece / Greek
    out = []
    for a, b in sorted(pairs):
        kind = "transliteration" if sounds[a] == sounds[b] else "typo"
        if kind == "transliteration" and not transliterations:
            continue
        if _known_distinct(a, b):
            continue  # Austria / Australia, Davis / Davies
        out.append((kind, a, b))
    return out


def _candidates(text: str, options: Any) -> tuple[set[str], list[str]]:
    """Cheap pre-screen on the distinct capitalized words alone: the folded names that
    could be one name spelled twice. Most articles have none and skip the token pass;
    the others pass only these names' tokens.

    Sound: every name of a pair that :meth:`NameVariant.check_all` could report is in
    the set, as it looks at a superset of the names check_all compares (every
    capitalized word of four letters or more, counted wherever it stands) and tests
    necessary conditions of each kind of pair (see :func:`_fuzzy_candidates`). Also
    returns the capitalized words it read: every spelling of those names is one."""
    if options.min_length >= 5 and (text.isascii() or not _NON_ASCII_LETTER.search(text)):
        # No letter outside ASCII (most articles): the words of _CAPITALIZED are those
        # of _CAPITALIZED_5, ASCII letters, A-Z first, whose fold is their lower case,
        # and no two of them differ in diacritics only. The keys that matter have
        # min-length (>= 5) letters: found in C, lowered and counted in C.
        words = _CAPITALIZED_5.findall(text)
        counts = Counter(map(str.lower, words))
        keys = set(counts).difference(_STOP)
        if options.min_length > 5:
            keys = {k for k in keys if len(k) >= options.min_length}
        return _fuzzy_candidates(text, keys, counts, options), words
    found = _CAPITALIZED.findall(text)
    # ASCII words (all start with A-Z here) fold to their lower case: counted in C
    totals = Counter(map(str.lower, filter(str.isascii, found)))
    plain = set(totals)
    spellings: dict[str, set[str]] = {}  # a key -> the spellings of non-ASCII words
    others = Counter(filterfalse(str.isascii, found))
    for word, n in others.items():
        if word[0].isupper():
            key = fold(word)
            totals[key] += n
            spellings.setdefault(key, set()).add(word.casefold())
    out: set[str] = set()
    if options.diacritics:  # two spellings, or one and a plain word of its key
        out.update(k for k, v in spellings.items() if len(v) + (k in plain and k not in v) > 1)
    keys = {k for k in totals if len(k) >= options.min_length} - _STOP
    return out | _fuzzy_candidates(text, keys, totals, options), found


def _fuzzy_candidates(
    text: str, keys: set[str], counts: Mapping[str, int], options: Any
) -> set[str]:
    """The keys that :func:`_key_pairs` could pair for check_all (``counts``: how often
    each key is written; a key used twice or more may be a typo's usual form). Work in
    C first, a Python loop over the few candidates after.

    - a transliteration pair has the same sound: ``set(map(sound, keys))`` (sound is
      cached) is smaller than ``keys``;
    - a typo pair is a frequent key ``f`` and a key ``b`` with the same first letter
      at most ``_typo_edits`` apart (check_all demands that OSA distance). One edit
      (a letter changed, added, dropped or two swapped) touches at most two
      neighbouring letters, so in words of five letters or more either the first two
      letters or the last two of ``f`` and ``b`` are equal: that is tested before
      the judgement of :func:`_key_pairs` (``_typo_pair``);
    - check_all leaves out a name that the text also writes as a lower-case word.
    """
    out: set[str] = set()
    if not (options.transliterations or options.typos):
        return out
    if len(keys) < 2:
        return out
    lower_word = _LowerWord(text)  # looked up for the few candidates only
    if options.transliterations and len(set(map(sound, keys))) < len(keys):
        by_sound: dict[str, list[str]] = defaultdict(list)
        for k in sorted(keys):
            by_sound[sound(k)].append(k)
        for bucket in by_sound.values():
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    if not _known_distinct(a, b) and not lower_word(a) and not lower_word(b):
                        out.update((a, b))
    if not options.typos:
        return out
    frequent = [k for k, n in counts.items() if n > 1 and k in keys]
    if not frequent:
        return out
    if options.min_length >= 5 and len(frequent) * len(keys) > 200:
        # many names (a long page): the pairs from sorted lists, in one pass
        pairs: Iterable[tuple[str, str]] = _near_pairs(keys, frequent)
    else:
        pairs = _few_pairs(keys, frequent, options.min_length)
    for f, b in pairs:
        size = len(f)
        edits = 1 if size < 11 or len(b) < 11 else 2  # _typo_edits(f, b)
        if b == f or not -edits <= len(b) - size <= edits:
            continue
        a, z = (f, b) if f < b else (b, f)
        if sound(a) == sound(z) or not _typo_pair(a, z, edits) or _known_distinct(a, z):
            continue
        if not lower_word(a) and not lower_word(z):
            out.update((a, z))
    return out


def _few_pairs(keys: set[str], frequent: list[str], min_length: int) -> list[tuple[str, str]]:
    """Each frequent key with the keys that may be a typo away: the same first letter,
    and (keys of five letters or more, one edit) the same first two letters or the
    same last two (see :func:`_fuzzy_candidates`)."""
    out = []
    for f in frequent:
        first, size, head, tail = f[0], len(f), f[:2], f[-2:]
        if min_length < 5:
            out += [(f, b) for b in keys if b[0] == first]
        else:
            out += [
                (f, b)
                for b in keys
                if b[0] == first
                and (b[:2] == head or b[-2:] == tail or (size > 10 and len(b) > 10))
            ]
    return out


def _near_pairs(keys: set[str], frequent: list[str]) -> Iterator[tuple[str, str]]:
    """The pairs of :func:`_few_pairs` (keys of five letters or more), and a few more,
    from the keys sorted by first two letters and length, and by first letter, last
    two and length: the pairs within one edit stand close together there."""
    ordered = sorted(keys)
    sizes = list(map(len, ordered))
    heads = list(map(itemgetter(_HEAD), ordered))
    ends = list(map(add, map(itemgetter(0), ordered), map(itemgetter(_TAIL), ordered)))
    wanted = set(frequent)
    for signatures in (heads, ends):
        index = sorted(zip(signatures, sizes, ordered, strict=True))
        end = len(index)
        for i, (signature, size, key) in enumerate(index):
            j = i + 1
            while j < end:
                other, other_size, b = index[j]
                if other != signature or other_size > size + 1:
                    break
                if key in wanted or b in wanted:
                    yield key, b
                j += 1
    for f in frequent:  # two edits in long names: every key of the first letter
        if len(f) > 10:
            lo = bisect_left(ordered, f[0])
            for b in ordered[lo : bisect_left(ordered, f[0] + _MAX_CHAR, lo)]:
                yield f, b


class _LowerWord:
    """Whether a lower-case word is written in ``text`` on its own (as a whole run of
    letters, as _WORD finds them): check_all does not compare such a name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self(word)

    def __call__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        text = self.text
        if not word.islower() or not _WORD.fullmatch(word):
            return False  # never a lower-case run of letters
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not (at and _LETTER.match(text, at - 1)) and not _LETTER.match(text, end):
                return True
            at = text.find(word, at + 1)
        return False


def _known_distinct(a: str, b: str) -> bool:
    """Two places, or two surnames, known to be different names (Austria / Australia,
    Davis / Davies)."""
    return (a in _KNOWN_DISTINCT and b in _KNOWN_DISTINCT) or frozenset((a, b)) in _DISTINCT_PAIRS


def _typo_pair(a: str, z: str, edits: int) -> bool:
    """Could ``a`` and ``z`` (sorted, at most ``edits`` apart in length) be one name
    and its typo? Not a name inside the other, not farther apart, not an inflection."""
    return not (a in z or z in a or _too_far(a, z, edits) or _ending_only(a, z))


class _Pair(NamedTuple):
    kind: str  # "diacritics", "transliteration" or "typo"
    minor: _Name
    major: _Name


class NameVariant(Rule):
    class Options(NamedTuple):
        min_length: int = 5
        diacritics: bool = True
        transliterations: bool = True
        typos: bool = True

    meta = RuleMeta(
        code="NL403",
        name="name-variant",
        category="consistency",
        summary="One article spells the same name in two ways (`Guaidó` / `Guaido`).",
        severity=Severity.WARNING,
        fix=Applicability.UNSAFE,
        quoted="report",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        only, words = _candidates(doc.text, options)
        if only:
            spellings = {w for w in set(words) if fold(w) in only}
            yield from self._check(doc, options, spellings)

    def check_all(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        """The check without its pre-screen (the tests compare the two)."""
        return self._check(doc, options, None)

    def _check(
        self, doc: Document, options: Any, spellings: set[str] | None
    ) -> Iterator[Diagnostic]:
        text = doc.text
        names: dict[str, _Name] = {}
        for t in _tokens(doc, spellings):
            name = names.get(t.text)
            if name is None:
                name = names[t.text] = _Name(t.text)
            name.occurrences.append(t)
        if len(names) < 2:
            return
        lower_words = _LowerWord(text)  # looked up for a few names only
        pairs: list[_Pair] = []
        if options.diacritics:
            pairs.extend(self._diacritic_pairs(text, names, lower_words))
        if options.transliterations or options.typos:
            pairs.extend(self._fuzzy_pairs(text, names, lower_words, options))
        reported: set[str] = set()
        for pair in pairs:
            minor, major = pair.minor, pair.major
            if minor.spelling in reported:
                continue
            reported.add(minor.spelling)
            what = {
                "diacritics": "with different diacritics",
                "transliteration": "in another transliteration",
                "typo": "with a likely typo",
            }[pair.kind]
            message = (
                f"'{minor.spelling}' ({minor.count}x) looks like '{major.spelling}' "
                f"({major.count}x in this article) written {what}"
            )
            for t in minor.occurrences:
                fix = Fix(
                    (Edit(t.start, t.end, major.spelling),),
                    Applicability.UNSAFE,
                    f"write {major.spelling!r}",
                )
                yield self.report(doc, t.start, t.end, message, fix=fix)

    # -- diacritics ----------------------------------------------------------------

    def _diacritic_pairs(
        self, text: str, names: dict[str, _Name], lower_words: Container[str]
    ) -> Iterator[_Pair]:
        by_fold: dict[str, list[_Name]] = defaultdict(list)
        for name in names.values():
            by_fold[name.folded].append(name)
        for group in by_fold.values():
            if len(group) < 2:
                continue
            # the same letters in another case only ("Mcdonald") is not this rule's business
            spellings = {n.spelling.casefold() for n in group}
            if len(spellings) < 2 or not any(n.named for n in group):
                continue
            major = max(group, key=lambda n: (n.count, _marks(n.spelling), -n.occurrences[0].start))
            for minor in group:
                if minor is major or minor.spelling.casefold() == major.spelling.casefold():
                    continue
                if minor.count == major.count and _marks(minor.spelling) == _marks(major.spelling):
                    continue  # no way to tell which is right
                if self._different_people(text, lower_words, major, minor):
                    continue  # José Mourinho / Jose Rodriguez
                yield _Pair("diacritics", minor, major)

    # -- transliterations and typos ----------------------------------------------------

    def _fuzzy_pairs(
        self,
        text: str,
        names: dict[str, _Name],
        lower_words: Container[str],
        options: Any,
    ) -> Iterator[_Pair]:
        # one representative per folded spelling (diacritic variants are handled above)
        by_fold: dict[str, _Name] = {}
        counts: Counter[str] = Counter()
        for name in names.values():
            if len(name.folded) < options.min_length or name.folded in _STOP:
                continue
            if name.spelling.casefold() in lower_words or name.folded in lower_words:
                continue  # a common word that also starts sentences
            counts[name.folded] += name.count
            best = by_fold.get(name.folded)
            if best is None or name.count > best.count:
                by_fold[name.folded] = name
        keys = sorted(by_fold)
        adjacent = _adjacent_pairs(text, names) if len(keys) > 1 else set()
        candidates: list[tuple[str, _Name, _Name]] = []
        frequent = {k for k in keys if counts[k] > 1}
        # German capitalizes every noun: no typos there. The typo pairs of _key_pairs
        # are those of different sounds; the rest is what it finds without typos, so
        # they are dropped below, and the text is only read for German if need be.
        german: bool | None = None
        for kind, a, b in _key_pairs(keys, options.transliterations, options.typos, frequent):
            if frozenset((a, b)) in adjacent:
                continue  # Jumardi Jukardi: one person's two names
            ca, cb = counts[a], counts[b]
            if ca == cb:
                continue  # no majority: no way to tell which is right
            major, minor = (by_fold[a], by_fold[b]) if ca > cb else (by_fold[b], by_fold[a])
            cmaj, cmin = max(ca, cb), min(ca, cb)
            if not major.named:
                continue
            if kind == "typo" and (cmaj < 2 or cmin > max(1, cmaj // 3)):
                continue  # two similar names used alike are more likely two names
            if minor.folded in _KNOWN_DISTINCT:
                continue  # a well-known place spelled right is not a typo (Boston / Bolton)
            candidates.append((kind, minor, major))
        if not candidates:
            return
        from rapidfuzz.distance import OSA  # only now: most articles never get here

        for kind, minor, major in candidates:
            if kind == "typo" and OSA.distance(minor.folded, major.folded) > _typo_edits(
                minor.folded, major.folded
            ):
                continue
            if self._different_people(text, lower_words, major, minor, strict=kind == "typo"):
                continue
            if kind == "typo":
                if german is None:
                    german = _german(text)
                if german:
                    continue
            yield _Pair(kind, minor, major)

    @staticmethod
    def _different_people(
        text: str, lower_words: Container[str], major: _Name, minor: _Name, strict: bool = False
    ) -> bool:
        """Different first names before them, or different surnames after them. With
        ``strict`` (typos), a name next to the odd spelling that never stands next to
        the usual one is enough: "Carl Bernstein" is not a typo of a "Bornstein" the
        article never calls Carl, nor "Georgina Smith" of "Georgia"."""
        from rapidfuzz.distance import Indel

        def alike(x: set[str], y: set[str]) -> bool:
            return any(
                p == q or skeleton(p) == skeleton(q) or Indel.normalized_similarity(p, q) >= 0.75
                for p in x
                for q in y
            )

        before_major, after_major = _neighbours(text, major, lower_words)
        before_minor, after_minor = _neighbours(text, minor, lower_words)
        if before_minor and (before_major or strict) and not alike(before_major, before_minor):
            return True  # Boris Johnson / Gordon Johnston
        return bool(after_minor and (after_major or strict) and not alike(after_major, after_minor))


RULE = NameVariant()
