"""Duplicate documents: normalization, MinHash signatures, LSH, verified clusters.

This module is the engine behind the corpus rules ``duplicate-document``
(NL203) and ``near-duplicate-document`` (NL204), the ``newslint dedup``
command and the persisted index (``newslint index``). It imports only the
standard library; numpy, when installed, is a fast path that computes exactly
the same numbers (``_np()`` returns None without it).

The pipeline, per document:

1. **Normalize**: lines that the boilerplate pack matches are dropped, the rest
   is case-folded and split into words (``\\w+``): whitespace, case and
   punctuation no longer matter. The exact key is a BLAKE2b digest of the words.
2. **Word ids**: each word becomes a stable 32-bit id (CRC-32 of its UTF-8,
   memoized). This array, 4 bytes a word, is what a worker sends back.
3. **Shingles**: every run of ``k`` consecutive word ids is hashed to 64 bits
   (a fixed linear combination, then the splitmix64 finalizer).
4. **Signature**: *one-permutation MinHash* with optimal densification
   (Li, Owen & Zhang 2012; Shrivastava 2017): the top bits of a shingle's hash
   pick one of ``num_perm`` bins, the low 32 bits are its value, each bin keeps
   its minimum, and an empty bin borrows the value of the first non-empty bin
   along a fixed probe sequence. Two signatures agree in a bin with probability
   equal to the Jaccard similarity of the shingle sets, as with ``num_perm``
   independent permutations, at the cost of one hash per shingle instead of
   ``num_perm``.
5. **LSH**: the signature is cut into ``bands`` bands of ``rows`` values;
   (bands, rows) minimize the weighted false positive and false negative
   probabilities for the Jaccard threshold, exactly as datasketch's
   ``_optimal_param`` does, with weights 0.05 / 0.95 (datasketch's default
   0.5 / 0.5 gives (9, 13) at 0.8, which finds a pair at Jaccard 0.8 only 40% of
   the time; (16, 8) finds it 95% of the time, and verification removes the
   extra candidates). With ``Options.layouts`` 2 (the default) the same
   signature is banded a second time, each band taking one value from each of
   ``rows`` different bands of the first layout (32 keys a document at 0.8):
   with independent values a pair at Jaccard 0.8 is then missed about 0.7% of
   the time instead of 5%, for no extra hashing. Documents that share a band bucket are candidates.
6. **Verification**: every candidate pair is checked on the exact shingle sets
   (recomputed from the word ids) before anything is reported: Jaccard, or with
   ``containment`` the share of the smaller document's shingles found in the
   larger one. A document is tried against its best-ranked candidate first and
   stops at the first that verifies; a kept document is also tried against the
   originals of the copies it shares a bucket with (a second hop).

With numpy the corpus is processed in arrays: band buckets are found by sorting
each band's keys (no dictionaries), candidates are tried in rounds (each
document's best-ranked untried earlier bucket-mate), and verification merges
sorted rows of shingle hashes for thousands of pairs at once. The pure-Python
path gives the same matches (tests check both).

Which copy is "the original" follows a documented, deterministic policy:
``first`` (input order), ``oldest`` (the date field, undated documents after
dated ones) or ``longest`` (most words); ties go to input order.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, Literal, NamedTuple

Policy = Literal["first", "oldest", "longest"]
POLICIES = ("first", "oldest", "longest")

M64 = (1 << 64) - 1
M32 = (1 << 32) - 1
EMPTY = 1 << 32  # larger than any 32-bit bin value
PROBES = 64  # densification probes per bin before the linear fallback
INDEX_VERSION = "1"

_WORD = re.compile(r"\w+")
# ASCII characters that ``\w`` does not match, mapped to a space
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)
# fixed odd 64-bit multipliers for the shingle and band hashes (from splitmix64)
_MULT = (
    0x9E3779B97F4A7C15,
    0xBF58476D1CE4E5B9,
    0x94D049BB133111EB,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
)


def mix64(x: int) -> int:
    """The splitmix64 finalizer: a bijective avalanche on 64-bit integers."""
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 & M64
    x = (x ^ (x >> 27)) * 0x94D049BB133111EB & M64
    return x ^ (x >> 31)


def _multiplier(j: int) -> int:
    return _MULT[j] if j < len(_MULT) else mix64(j * 0x9E3779B97F4A7C15 & M64) | 1


def _np() -> Any:
    """numpy, or None: it is only a faster way to compute the same numbers."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return numpy


# -- 1. normalization ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _boilerplate_matcher() -> Callable[[list[str]], list[int]] | None:
    """``matched(lines) -> indexes`` of the lines the built-in boilerplate pack matches
    (None if there is no such pack)."""
    from .packs import builtin_pack_dir, load_pack_rules

    try:
        rules = load_pack_rules([builtin_pack_dir()])
    except Exception:  # pragma: no cover - a broken pack is reported by the registry
        return None
    rule: Any = next((r for r in rules if r.meta.name == "boilerplate"), None)
    if rule is None or not hasattr(rule, "matched_lines"):
        return None
    max_words = int(getattr(rule, "max_words", 12))
    matched_lines = rule.matched_lines

    def matched(lines: list[str]) -> list[int]:
        return matched_lines(lines, max_words)  # type: ignore[no-any-return]

    return matched


@lru_cache(maxsize=4)
def document_words(text: str, skip_boilerplate: bool = True) -> tuple[str, ...]:
    """The normalized words of a text: case-folded ``\\w+`` runs, boilerplate lines
    left out. Memoized on the text so that both corpus rules share the work."""
    if skip_boilerplate:
        matched = _boilerplate_matcher()
        if matched is not None:
            lines = [s for s in map(str.strip, text.split("\n")) if s]
            drop = matched(lines)  # (the pack's screen reads all lines at once)
            if drop:
                for i in reversed(drop):
                    del lines[i]
            text = "\n".join(lines)
    if text.isascii():  # the same words as the regex, 40% faster
        return tuple(text.lower().translate(_ASCII_NON_WORD).split())
    return tuple(_WORD.findall(text.casefold()))


def exact_key(words: Sequence[str]) -> bytes:
    """A stable 128-bit digest of the normalized words (never Python's ``hash``)."""
    return hashlib.blake2b("\x1f".join(words).encode("utf-8"), digest_size=16).digest()


_VOCAB: dict[str, int] = {}  # a memo of a pure function: word -> CRC-32


def word_ids(words: Sequence[str]) -> array[int]:
    """Stable 32-bit ids of the words (CRC-32 of their UTF-8)."""
    if len(_VOCAB) > 1_000_000:
        _VOCAB.clear()
    out = array("I")
    try:  # the common case: every word seen before
        out.fromlist(list(map(_VOCAB.__getitem__, words)))
        return out
    except KeyError:
        pass
    crc = zlib.crc32
    ids = []
    for w in words:
        value = _VOCAB.get(w)
        if value is None:
            value = _VOCAB[w] = crc(w.encode("utf-8"))
        ids.append(value)
    out.fromlist(ids)
    return out


# -- 2. shingles and signatures ---------------------------------------------------


def shingles(ids: Sequence[int], k: int) -> set[int]:
    """64-bit hashes of the k-word shingles (the whole text if shorter than k)."""
    n = len(ids)
    if n == 0:
        return set()
    width = min(k, n)
    mults = [_multiplier(j) for j in range(width)]
    out = set()
    for i in range(n - width + 1):
        x = 0
        for j in range(width):
            x += (ids[i + j] + 1) * mults[j]
        out.add(mix64(x & M64))
    return out


def shingles_np(ids: Any, k: int) -> Any:
    """numpy version of :func:`shingles`: a sorted array of unique uint64."""
    np = _np()
    n = len(ids)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    width = min(k, n)
    v = np.asarray(ids, dtype=np.uint64) + np.uint64(1)
    m = n - width + 1
    x = np.zeros(m, dtype=np.uint64)
    for j in range(width):
        x += v[j : j + m] * np.uint64(_multiplier(j))
    return np.unique(_mix64_np(x))


def _mix64_np(x: Any) -> Any:
    np = _np()
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@lru_cache(maxsize=8)
def _probe_table(num_perm: int) -> tuple[tuple[int, ...], ...]:
    """For each bin, a fixed sequence of other bins to borrow from when it is empty."""
    table = []
    for i in range(num_perm):
        seq = []
        for t in range(PROBES):
            h = mix64((i * 0x9E3779B97F4A7C15 + (t + 1) * 0xD6E8FEB86659FD93) & M64)
            seq.append(((h >> 32) * num_perm) >> 32)
        table.append(tuple(seq))
    return tuple(table)


@lru_cache(maxsize=8)
def _probe_array(num_perm: int) -> Any:
    """:func:`_probe_table` as a (PROBES x num_perm) numpy array."""
    np = _np()
    return np.ascontiguousarray(np.array(_probe_table(num_perm), dtype=np.int64).T)


def _densify(raw: list[int], num_perm: int) -> list[int] | None:
    if all(v == EMPTY for v in raw):
        return None
    table = _probe_table(num_perm)
    sig = list(raw)
    for i, value in enumerate(raw):
        if value != EMPTY:
            continue
        for j in table[i]:
            if raw[j] != EMPTY:
                sig[i] = raw[j]
                break
        else:  # all probes empty (a very short text): the next non-empty bin
            j = (i + 1) % num_perm
            while raw[j] == EMPTY:
                j = (j + 1) % num_perm
            sig[i] = raw[j]
    return sig


def signature(hashes: Iterable[int], num_perm: int) -> list[int] | None:
    """One-permutation MinHash signature (``num_perm`` 32-bit values), densified."""
    raw = [EMPTY] * num_perm
    for h in hashes:
        b = ((h >> 32) * num_perm) >> 32
        v = h & M32
        if v < raw[b]:
            raw[b] = v
    return _densify(raw, num_perm)


class LSHParams(NamedTuple):
    num_perm: int
    bands: int
    rows: int


def _integrate(f: Callable[[float], float], a: float, b: float, n: int = 64) -> float:
    """Composite Simpson's rule (deterministic; no scipy needed)."""
    if b <= a:
        return 0.0
    h = (b - a) / n
    total = f(a) + f(b)
    for i in range(1, n):
        total += (4 if i % 2 else 2) * f(a + i * h)
    return total * h / 3


@lru_cache(maxsize=32)
def lsh_params(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> LSHParams:
    """(bands, rows) minimizing the weighted false positive and negative areas, as
    datasketch's ``MinHashLSH._optimal_param`` computes them."""
    best = (float("inf"), 1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):

            def fp(s: float, b: int = b, r: int = r) -> float:
                return 1.0 - (1.0 - s**r) ** b

            def fn(s: float, b: int = b, r: int = r) -> float:
                return (1.0 - s**r) ** b

            error = fp_weight * _integrate(fp, 0.0, threshold) + fn_weight * _integrate(
                fn, threshold, 1.0
            )
            if error < best[0]:
                best = (error, b, r)
    return LSHParams(num_perm, best[1], best[2])


@lru_cache(maxsize=32)
def _band_layout(params: LSHParams) -> tuple[tuple[int, ...], ...]:
    """The signature positions each band reads. The first ``num_perm // rows``
    bands read consecutive positions (as datasketch does); further bands (a second
    layout, see :attr:`Options.layouts`) read the same positions transposed, so
    that each of them shares at most one position with any band of the first."""
    per = params.num_perm // params.rows
    if params.bands > 2 * per:
        raise ValueError(f"at most {2 * per} bands of {params.rows} rows over {params.num_perm}")
    out = []
    for band in range(params.bands):
        if band < per:
            out.append(tuple(band * params.rows + j for j in range(params.rows)))
        else:
            out.append(tuple(band - per + per * j for j in range(params.rows)))
    return tuple(out)


def band_keys(sig: Sequence[int], params: LSHParams) -> list[int]:
    """One 64-bit key per band: a hash of the band's ``rows`` values."""
    out = []
    for band, positions in enumerate(_band_layout(params)):
        x = band
        for j, at in enumerate(positions):
            x += (sig[at] + 1) * _multiplier(j)
        out.append(mix64(x & M64))
    return out


class Sketch(NamedTuple):
    """What the LSH needs of one document."""

    bands: list[int]  # one key per band


def sketches(
    id_arrays: Sequence[bytes], k: int, params: LSHParams, batch: int = 2048
) -> list[list[int] | None]:
    """Band keys of many documents (None: no words). numpy batches them if present."""
    np = _np()
    if np is None:
        out: list[list[int] | None] = []
        for raw in id_arrays:
            ids = array("I")
            ids.frombytes(raw)
            sig = signature(shingles(ids, k), params.num_perm)
            out.append(None if sig is None else band_keys(sig, params))
        return out
    result: list[list[int] | None] = []
    for start in range(0, len(id_arrays), batch):
        result.extend(_sketches_np(id_arrays[start : start + batch], k, params))
    return result


def _batch_hashes_np(id_arrays: Sequence[bytes], k: int) -> tuple[Any, Any]:
    """Shingle hashes of many documents at once: (hashes, document index of each)."""
    np = _np()
    n_docs = len(id_arrays)
    lengths = np.array([len(b) // 4 for b in id_arrays], dtype=np.int64)
    flat = np.frombuffer(b"".join(id_arrays), dtype=np.uint32).astype(np.uint64) + np.uint64(1)
    starts = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    # a rolling combination over the whole batch, then the windows inside one document
    m = len(flat) - k + 1
    if m > 0:
        x = flat[:m] * np.uint64(_multiplier(0))
        for j in range(1, k):
            x += flat[j : j + m] * np.uint64(_multiplier(j))
    else:
        x = np.zeros(0, dtype=np.uint64)
    long_docs = lengths >= k
    n_sh = np.where(long_docs, lengths - k + 1, 0)
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), n_sh)
    sh_starts = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(n_sh[:-1], out=sh_starts[1:])
    pos = np.arange(len(doc_of), dtype=np.int64) - sh_starts[doc_of] + starts[doc_of]
    x = x[pos]
    short = np.nonzero((lengths > 0) & ~long_docs)[0]
    if len(short):  # texts shorter than one shingle: the whole text is the shingle
        extra = []
        for i in short.tolist():
            ids = flat[starts[i] : starts[i] + lengths[i]].tolist()
            extra.append(sum(v * _multiplier(j) for j, v in enumerate(ids)) & M64)
        x = np.concatenate([x, np.array(extra, dtype=np.uint64)])
        doc_of = np.concatenate([doc_of, short.astype(np.int64)])
    h = _mix64_np(x)
    return h, doc_of


def _band_matrix_np(id_arrays: Sequence[bytes], k: int, params: LSHParams) -> tuple[Any, Any]:
    """Band keys of many documents as a (documents x bands) uint64 matrix, and a
    mask of the documents that have a signature (the same values as
    :func:`band_keys` of :func:`signature`)."""
    np = _np()
    K = params.num_perm
    n_docs = len(id_arrays)
    h, doc_of = _batch_hashes_np(id_arrays, k)
    bins = (((h >> np.uint64(32)) * np.uint64(K)) >> np.uint64(32)).astype(np.int64)
    raw = np.full((n_docs, K), EMPTY, dtype=np.uint64)
    np.minimum.at(raw, (doc_of, bins), h & np.uint64(M32))
    # densify: borrow from the first non-empty bin along each bin's probe sequence
    # (flat indices; only the still empty bins are worked on)
    probes = _probe_array(K)  # PROBES x K
    sig = raw.copy()
    raw_f, sig_f = raw.reshape(-1), sig.reshape(-1)
    empty_raw = raw == EMPTY
    cell = np.flatnonzero(empty_raw)
    bin_ = cell % K
    base = cell - bin_
    empty = np.uint64(EMPTY)
    for t in range(PROBES):
        if not len(cell):
            break
        src = raw_f[base + probes[t][bin_]]
        fill = src != empty
        sig_f[cell[fill]] = src[fill]
        keep = ~fill
        cell, bin_, base = cell[keep], bin_[keep], base[keep]
    # band keys: each band's rows combined with fixed multipliers, then mixed
    rows, n_bands = params.rows, params.bands
    mult = np.array([_multiplier(j) for j in range(rows)], dtype=np.uint64)
    layout = np.array(_band_layout(params), dtype=np.int64)  # bands x rows
    x = (sig[:, layout] + np.uint64(1)) * mult
    band_matrix = _mix64_np(x.sum(axis=2, dtype=np.uint64) + np.arange(n_bands, dtype=np.uint64))
    valid = ~empty_raw.all(axis=1)
    # rare: every probe of a bin was empty; the exact pure-Python densification
    for i in np.unique(cell // K).tolist():
        if valid[i]:
            dense = _densify([int(v) for v in raw[i]], K)
            if dense is not None:
                band_matrix[i] = band_keys(dense, params)
    return band_matrix, valid


def _sketches_np(id_arrays: Sequence[bytes], k: int, params: LSHParams) -> list[list[int] | None]:
    if not id_arrays:
        return []
    matrix, valid = _band_matrix_np(id_arrays, k, params)
    keys = matrix.tolist()
    return [keys[i] if ok else None for i, ok in enumerate(valid.tolist())]


def shingle_sets(id_arrays: Sequence[bytes], k: int) -> list[frozenset[int]]:
    """:func:`shingle_set` of many documents (one numpy pass when numpy is there)."""
    np = _np()
    if np is None or len(id_arrays) < 2:
        return [shingle_set(raw, k) for raw in id_arrays]
    h, doc_of = _batch_hashes_np(id_arrays, k)
    order = np.argsort(doc_of, kind="stable")  # texts shorter than k come last
    h, doc_of = h[order], doc_of[order]
    values = h.tolist()
    bounds = np.searchsorted(doc_of, np.arange(len(id_arrays) + 1)).tolist()
    return [frozenset(values[bounds[i] : bounds[i + 1]]) for i in range(len(id_arrays))]


def shingle_set(raw: bytes, k: int) -> frozenset[int]:
    """The shingle hashes of a document's word ids (numpy if present: same values)."""
    np = _np()
    if np is not None:
        return frozenset(shingles_np(np.frombuffer(raw, dtype=np.uint32), k).tolist())
    ids = array("I")
    ids.frombytes(raw)
    return frozenset(shingles(ids, k))


def similarity(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    inter = len(small & large)
    return inter / (len(a) + len(b) - inter), inter / len(small)


# -- 3. ranking: which copy is the original -----------------------------------------


_DATE_FORMATS = (
    "%d-%b-%Y %H:%M:%S.%f",  # Reuters-21578: 26-FEB-1987 15:07:13.72
    "%d-%b-%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
)


def parse_date(value: str | None) -> float | None:
    """Seconds since the epoch (UTC) for common date formats, or None."""
    if not value or not value.strip():
        return None
    from datetime import datetime, timezone

    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text.title() if "%b" in fmt else text, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            try:
                from email.utils import parsedate_to_datetime

                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def rank_key(policy: str, order: int, words: int, date: str | None) -> tuple[Any, ...]:
    """Sort key: the smallest is the preferred original."""
    if policy == "oldest":
        ts = parse_date(date)
        return (ts is None, ts if ts is not None else 0.0, order)
    if policy == "longest":
        return (-words, order)
    return (order,)


# -- 4. clustering ------------------------------------------------------------------


class DocKey(NamedTuple):
    """The small, picklable key a corpus rule collects for one document."""

    exact: bytes  # 16-byte digest of the normalized words
    ids: bytes  # the word ids (uint32, native order); empty for the exact rule
    words: int
    date: str | None
    length: int  # characters of the text (for the display-only fix)


def make_key(
    text: str,
    date: str | None,
    *,
    with_ids: bool,
    boilerplate: bool = True,
    title: str | None = None,
) -> DocKey:
    """The key of a text; with ``title``, of the title and the text as one document
    (the words of ``f"{title}\\n\\n{text}"``: no word spans a line break, and lines
    are matched one by one), its length still the text's. The text's words are
    memoized, so the exact and the near-duplicate rule share them."""
    words = document_words(text, boilerplate)
    if title is not None:
        words = document_words(title, boilerplate) + words
    ids = word_ids(words).tobytes() if with_ids else b""
    return DocKey(exact_key(words), ids, len(words), date, len(text))


class Match(NamedTuple):
    """One copy and the original it copies."""

    copy: int  # index into the items
    original: int
    kind: str  # "exact" | "near" | "contained"
    similarity: float  # Jaccard, or containment for "contained"


class Options(NamedTuple):
    threshold: float = 0.8
    num_perm: int = 128
    shingle_size: int = 5
    containment: bool = False
    containment_threshold: float = 0.9
    policy: str = "first"
    min_words: int = 10
    near: bool = True  # False: exact duplicates only
    # every candidate is verified, so a false positive costs one comparison while a
    # false negative is a missed copy: the bands are tuned to miss little
    fp_weight: float = 0.05
    # 1 or 2: with 2 a second set of bands reads the same signature across the
    # first ones (more candidates from the same signature: fewer missed pairs)
    layouts: int = 2

    @property
    def lsh(self) -> LSHParams:
        params = lsh_params(self.threshold, self.num_perm, self.fp_weight, 1.0 - self.fp_weight)
        if self.layouts < 2:
            return params
        return params._replace(bands=2 * (self.num_perm // params.rows))


def _ranked(keys: Sequence[DocKey], orders: Sequence[int], policy: str) -> list[int]:
    return sorted(
        range(len(keys)),
        key=lambda i: rank_key(policy, orders[i], keys[i].words, keys[i].date),
    )


def exact_matches(keys: Sequence[DocKey], orders: Sequence[int], policy: str) -> list[Match]:
    """Documents whose normalized words equal those of a better-ranked one."""
    first: dict[bytes, int] = {}
    out = []
    for i in _ranked(keys, orders, policy):
        key = keys[i]
        if key.words == 0:
            continue
        original = first.setdefault(key.exact, i)
        if original != i:
            out.append(Match(i, original, "exact", 1.0))
    return sorted(out)


class _SetCache:
    """Shingle sets recomputed from word ids: ahead of the visiting order in
    batches, and kept for the documents used most recently (bounded memory)."""

    def __init__(self, keys: Sequence[DocKey], k: int, size: int = 8192) -> None:
        self.keys = keys
        self.k = k
        self.size = size
        self.sets: OrderedDict[int, frozenset[int]] = OrderedDict()
        self.plan: list[int] = []
        self.where: dict[int, int] = {}
        self.ahead = 0  # plan positions before this one have been computed once

    def expect(self, plan: list[int]) -> None:
        """The documents that will be asked for, in order (for batching)."""
        self.plan = plan
        self.where = {d: n for n, d in enumerate(plan)}

    def _store(self, d: int, value: frozenset[int]) -> None:
        self.sets[d] = value
        while len(self.sets) > self.size:
            self.sets.popitem(last=False)

    def __call__(self, i: int) -> frozenset[int]:
        s = self.sets.get(i)
        if s is not None:
            self.sets.move_to_end(i)
            return s
        pos = self.where.get(i)
        if pos is not None and pos >= self.ahead:
            batch = self.plan[pos : pos + 512]
            self.ahead = pos + len(batch)
            values = shingle_sets([self.keys[d].ids for d in batch], self.k)
            for d, value in zip(batch, values, strict=True):
                self._store(d, value)
            s = values[0]
        else:  # evicted: recompute this one
            s = shingle_set(self.keys[i].ids, self.k)
            self._store(i, s)
        return s


MATES_MAX = 100  # buckets larger than this are not used for the second-hop probe


def near_matches(
    keys: Sequence[DocKey], orders: Sequence[int], options: Options
) -> tuple[list[Match], list[Match]]:
    """(exact, near) matches; every near match verified on the shingle sets.

    Documents are visited in policy order. A document is a copy of the
    best-ranked earlier document it shares an LSH bucket with and whose verified
    similarity reaches the threshold (that one may itself be a copy: clusters
    are chains of verified pairs); otherwise it is kept.
    A kept document is then compared with the originals of the copies it shares
    a bucket with (a second hop: LSH missed the pair, but not a third document
    close to both) and, if one ranked before it is similar enough, it is a copy
    of it. With ``containment`` a kept document that is contained in a larger
    kept one is reported too (the larger one is its original, whatever the policy).
    numpy, when present, computes exactly the same matches faster.
    """
    exact = exact_matches(keys, orders, options.policy)
    if not options.near:
        return exact, []
    copies = {m.copy for m in exact}
    ranked = _ranked(keys, orders, options.policy)
    # positions in policy order: a smaller position is a better-ranked document
    visit = [i for i in ranked if i not in copies and keys[i].words >= options.min_words]
    if _np() is None:
        found, kept = _near_py(keys, visit, options)
    else:
        found, kept = _near_np(keys, visit, options)
    near = [Match(visit[p], visit[q], "near", jac) for p, (q, jac) in found.items()]
    if options.containment:
        kept_docs = [visit[p] for p in kept]  # in rank order
        contained = None if _np() is None else _contained_np(keys, kept_docs, options)
        if contained is None:
            rank = {i: r for r, i in enumerate(ranked)}
            sets = _SetCache(keys, options.shingle_size)
            contained = _contained(keys, kept_docs, rank, sets, options)
        near.extend(contained)
    return exact, sorted(near)


def _second_hop(
    found: dict[int, tuple[int, float]], mates: dict[int, list[int]]
) -> dict[int, list[int]]:
    """For each kept position, the candidates of the second hop, in rank order:
    the originals (direct, and at the root of the chain) of the copies it shares
    a bucket with, ranked before it and not already compared with it."""

    def root(p: int) -> int:
        for _ in range(len(found) + 1):
            if p not in found:
                break
            p = found[p][0]
        return p

    out = {}
    for p, near_p in mates.items():
        seen = {q for q in near_p if q < p}  # compared in the first pass
        cands: set[int] = set()
        for j in near_p:
            if j in found:
                for x in (found[j][0], root(j)):
                    if x < p and x not in seen:
                        cands.add(x)
        if cands:
            out[p] = sorted(cands)
    return out


def _near_py(
    keys: Sequence[DocKey], visit: list[int], options: Options
) -> tuple[dict[int, tuple[int, float]], list[int]]:
    """The pure-Python LSH: ``({copy: (original, Jaccard)}, kept)`` in positions."""
    from bisect import bisect_left

    k = options.shingle_size
    sk = sketches([keys[i].ids for i in visit], k, options.lsh)
    members: dict[tuple[int, int], list[int]] = {}
    for p, s in enumerate(sk):
        if s is not None:
            for bk in enumerate(s):
                members.setdefault(bk, []).append(p)
    shared = {p: [members[bk] for bk in enumerate(s) if len(members[bk]) > 1]
              for p, s in enumerate(sk) if s is not None}  # fmt: skip
    sets = _SetCache(keys, k)

    def jaccard(p: int, q: int) -> float:
        return similarity(sets(visit[p]), sets(visit[q]))[0]

    found: dict[int, tuple[int, float]] = {}
    kept: list[int] = []
    for p in sorted(shared):
        candidates: set[int] = set()
        for lst in shared[p]:
            candidates.update(lst[: bisect_left(lst, p)])
        for q in sorted(candidates):
            jac = jaccard(p, q)
            if jac >= options.threshold:
                found[p] = (q, jac)
                break
        else:
            kept.append(p)
    mates = {}
    for p in kept:
        near_p = {q for lst in shared[p] if len(lst) <= MATES_MAX for q in lst}
        near_p.discard(p)
        if near_p:
            mates[p] = sorted(near_p)
    second = {}
    for p, cands in _second_hop(found, mates).items():
        for q in cands:
            jac = jaccard(p, q)
            if jac >= options.threshold:
                second[p] = (q, jac)
                break
    found.update(second)
    return found, [p for p in kept if p not in second]


def _near_np(
    keys: Sequence[DocKey], visit: list[int], options: Options
) -> tuple[dict[int, tuple[int, float]], list[int]]:
    """numpy version of :func:`_near_py`: band buckets by sorting each band's keys,
    candidates tried in rounds (each document's best-ranked untried earlier
    bucket-mate), verification in batches. Same results."""
    np = _np()
    k = options.shingle_size
    params = options.lsh
    if not visit:
        return {}, []
    matrix = np.empty((len(visit), params.bands), dtype=np.uint64)
    valid = np.empty(len(visit), dtype=bool)
    for start in range(0, len(visit), 2048):
        chunk = [keys[i].ids for i in visit[start : start + 2048]]
        part, part_valid = _band_matrix_np(chunk, k, params)
        matrix[start : start + len(chunk)] = part
        valid[start : start + len(chunk)] = part_valid
    pos = np.flatnonzero(valid)  # visit positions with a signature
    if len(pos) < len(visit):
        matrix = matrix[pos]
    m, n_bands = matrix.shape
    docs = np.array(visit, dtype=np.int64)[pos]
    # per band: the documents sorted by key (ties in rank order); for each document
    # its bucket is [lo, end) in that order and its earlier bucket-mates [lo, me)
    index = np.int32 if n_bands * m < 2**31 - 1 else np.int64  # (memory: docs x bands)
    flat = np.empty(n_bands * m, dtype=index)
    lo = np.empty((m, n_bands), dtype=index)
    me = np.empty((m, n_bands), dtype=index)
    end = np.empty((m, n_bands), dtype=index)
    arange = np.arange(m, dtype=index)
    for b in range(n_bands):
        col = matrix[:, b]
        order = np.argsort(col, kind="stable")
        s = col[order]
        new = np.ones(m, dtype=bool)
        new[1:] = s[1:] != s[:-1]
        gstart = np.flatnonzero(new)
        gend = np.append(gstart[1:], m)
        gid = np.cumsum(new) - 1
        where = np.empty(m, dtype=index)
        where[order] = arange
        g = gid[where]
        base = b * m
        flat[base : base + m] = order
        lo[:, b] = gstart[g] + base
        me[:, b] = where + base
        end[:, b] = gend[g] + base
    del matrix
    threshold = options.threshold
    found: dict[int, tuple[int, float]] = {}  # in positions among the m documents
    active = np.flatnonzero((me > lo).any(axis=1))
    cur_lo = lo[active]
    cur_me = me[active]
    while len(active):
        cand = np.where(cur_lo < cur_me, flat[cur_lo], m)
        best = cand.min(axis=1)
        has = best < m
        active, cur_lo, cur_me, cand, best = (
            active[has], cur_lo[has], cur_me[has], cand[has], best[has]
        )  # fmt: skip
        if not len(active):
            break
        jac = _jaccards_np(keys, docs[active], docs[best], k)
        ok = jac >= threshold
        for p, q, j in zip(active[ok].tolist(), best[ok].tolist(), jac[ok].tolist(), strict=True):
            found[p] = (q, j)
        fail = ~ok
        active, cur_lo, cur_me = active[fail], cur_lo[fail], cur_me[fail]
        cur_lo = cur_lo + (cand[fail] == best[fail][:, None])
    matched = np.zeros(m, dtype=bool)
    if found:
        matched[list(found)] = True
    sizes = end - lo
    kept_pos = np.flatnonzero(~matched & (sizes > 1).any(axis=1))
    mates: dict[int, list[int]] = {}
    for p in kept_pos.tolist():
        near_p: set[int] = set()
        for a, z in zip(lo[p].tolist(), end[p].tolist(), strict=True):
            if 1 < z - a <= MATES_MAX:
                near_p.update(flat[a:z].tolist())
        near_p.discard(p)
        if near_p:
            mates[p] = sorted(near_p)
    second_cands = _second_hop(found, mates)
    second: dict[int, tuple[int, float]] = {}
    if second_cands:
        pa = [p for p, cs in second_cands.items() for _ in cs]
        pb = [q for cs in second_cands.values() for q in cs]
        jac2 = _jaccards_np(keys, docs[pa], docs[pb], k).tolist()
        for p, q, j in zip(pa, pb, jac2, strict=True):
            if j >= threshold and p not in second:
                second[p] = (q, j)  # candidates are in rank order: the first wins
    found.update(second)
    back = pos.tolist()  # position among the m documents -> visit position
    out = {back[p]: (back[q], j) for p, (q, j) in found.items()}
    kept = [back[p] for p in range(m) if not matched[p] and p not in second]
    return out, kept


def _jaccards_np(keys: Sequence[DocKey], a: Any, b: Any, k: int) -> Any:
    """Exact Jaccard similarity of the shingle sets of the document pairs
    ``(a[i], b[i])`` (the same floats as :func:`similarity`)."""
    np = _np()
    inter, size_a, size_b = _overlaps_np(keys, a, b, k)
    union = size_a + size_b - inter
    out = np.zeros(len(inter), dtype=np.float64)
    nz = union > 0
    out[nz] = inter[nz] / union[nz]
    return out


def _overlaps_np(
    keys: Sequence[DocKey], a: Any, b: Any, k: int, cells: int = 1 << 18
) -> tuple[Any, Any, Any]:
    """(intersection, size of a, size of b) of the shingle sets of document pairs,
    exactly. Pairs are taken in batches of similar lengths; each document's
    shingle hashes become one sorted row (duplicates dropped), each pair the
    merge of its two rows, and the intersection the equal neighbours."""
    np = _np()
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    n = len(a)
    inter = np.zeros(n, dtype=np.int64)
    size_a = np.zeros(n, dtype=np.int64)
    size_b = np.zeros(n, dtype=np.int64)
    if not n:
        return inter, size_a, size_b
    words = np.fromiter((keys[d].words for d in a.tolist()), dtype=np.int64, count=n)
    words = np.maximum(words, np.fromiter((keys[d].words for d in b.tolist()), np.int64, n))
    by_width = np.argsort(words, kind="stable")
    start = 0
    while start < n:
        stop = start + 1
        # grow the batch while (pairs x 2 x the widest pair) stays under `cells`
        while stop < n and (stop - start + 1) * 2 * (int(words[by_width[stop]]) + 1) <= cells:
            stop += 1
        sel = by_width[start:stop]
        start = stop
        za, zb, common = _overlap_batch(keys, a[sel], b[sel], k)
        inter[sel], size_a[sel], size_b[sel] = common, za, zb
    return inter, size_a, size_b


_SENTINEL = M64  # pads the rows; a shingle hash equal to it is handled exactly


def _overlap_batch(keys: Sequence[DocKey], pa: Any, pb: Any, k: int) -> tuple[Any, Any, Any]:
    """(size of a, size of b, intersection) for one batch of pairs."""
    np = _np()
    docs, inv = np.unique(np.concatenate([pa, pb]), return_inverse=True)
    inv = inv.reshape(-1)
    la, lb = inv[: len(pa)], inv[len(pa) :]
    rows = _sorted_rows(keys, docs.tolist(), k)
    if rows is None:  # pragma: no cover - probability 2**-64
        sets = [shingle_set(keys[d].ids, k) for d in docs.tolist()]
        out = [(len(sets[x] & sets[y]), len(sets[x]), len(sets[y]))
               for x, y in zip(la.tolist(), lb.tolist(), strict=True)]  # fmt: skip
        common, za, zb = (np.array(col, dtype=np.int64) for col in zip(*out, strict=True))
        return za, zb, common
    sent = np.uint64(_SENTINEL)
    sizes = (rows != sent).sum(axis=1)
    merged = np.concatenate([rows[la], rows[lb]], axis=1)
    merged.sort(axis=1, kind="stable")  # two sorted runs: a linear merge
    same = merged[:, 1:] == merged[:, :-1]
    same &= merged[:, 1:] != sent
    common = same.sum(axis=1)
    return sizes[la], sizes[lb], common


def _sorted_rows(keys: Sequence[DocKey], docs: list[int], k: int) -> Any:
    """The distinct shingle hashes of each document, one ascending row each,
    padded with ``_SENTINEL`` (None in the 2**-64 case of a hash equal to it)."""
    np = _np()
    n_docs = len(docs)
    h, doc_of = _batch_hashes_np([keys[d].ids for d in docs], k)
    sent = np.uint64(_SENTINEL)
    if len(h) and bool((h == sent).any()):  # pragma: no cover - probability 2**-64
        return None
    counts = np.bincount(doc_of, minlength=n_docs)
    width = max(1, int(counts.max()) if len(counts) else 1)
    order = np.argsort(doc_of, kind="stable")
    d_sorted = doc_of[order]
    starts = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    col = np.arange(len(h), dtype=np.int64) - starts[d_sorted]
    rows = np.full((n_docs, width), sent, dtype=np.uint64)
    rows[d_sorted, col] = h[order]
    rows.sort(axis=1)
    dup = rows[:, 1:] == rows[:, :-1]
    dup &= rows[:, 1:] != sent
    if bool(dup.any()):  # a shingle repeated inside a document: keep one
        again = np.flatnonzero(dup.any(axis=1))
        sub = rows[again]
        sub[:, 1:][dup[again]] = sent
        sub.sort(axis=1)
        rows[again] = sub
    return rows


def _contained_np(
    keys: Sequence[DocKey],
    kept: list[int],
    options: Options,
    sample: int = 8,
    use: int = 4,
    max_df: int = 50,
    cells: int = 1 << 18,
) -> list[Match] | None:
    """numpy version of :func:`_contained` (``kept`` in rank order): the same
    matches, or None in the 2**-64 case that the pure-Python one must handle."""
    np = _np()
    n = len(kept)
    if n < 2:
        return []
    k = options.shingle_size
    sent = np.uint64(_SENTINEL)
    words = np.fromiter((keys[d].words for d in kept), dtype=np.int64, count=n)
    by_width = np.argsort(words, kind="stable")
    batches = []
    start = 0
    while start < n:  # documents of similar lengths together, about `cells` hashes a batch
        stop = start + 1
        while stop < n and (stop - start + 1) * (int(words[by_width[stop]]) + 1) <= cells:
            stop += 1
        batches.append(by_width[start:stop])
        start = stop
    bottoms = np.full((n, sample), sent, dtype=np.uint64)
    sizes = np.zeros(n, dtype=np.int64)
    for sel in batches:
        rows = _sorted_rows(keys, [kept[i] for i in sel.tolist()], k)
        if rows is None:  # pragma: no cover - probability 2**-64
            return None
        width = min(sample, rows.shape[1])
        bottoms[sel, :width] = rows[:, :width]
        sizes[sel] = (rows != sent).sum(axis=1)
    wanted = np.unique(bottoms[bottoms != sent])
    if not len(wanted):
        return []
    # postings: which documents hold each wanted hash (documents in rank order)
    post_h, post_d = [], []
    for sel in batches:
        rows = _sorted_rows(keys, [kept[i] for i in sel.tolist()], k)
        at = np.minimum(np.searchsorted(wanted, rows), len(wanted) - 1)
        hit = (wanted[at] == rows) & (rows != sent)
        r, _ = np.nonzero(hit)
        post_h.append(rows[hit])
        post_d.append(sel[r])
    ph = np.concatenate(post_h)
    pd = np.concatenate(post_d)
    order = np.lexsort((pd, ph))
    ph, pd = ph[order], pd[order]
    first = np.ones(len(ph), dtype=bool)
    first[1:] = ph[1:] != ph[:-1]
    starts = np.flatnonzero(first)
    df = np.diff(np.append(starts, len(ph)))
    # each document's probes: its bottom hashes held by at most max_df documents,
    # the rarest first (ties: the smaller hash), at most `use` of them
    valid = bottoms != sent
    slot = np.searchsorted(ph[starts], bottoms)
    slot = np.minimum(slot, len(starts) - 1)
    freq = np.where(valid, df[slot], max_df + 1)
    col = np.arange(sample, dtype=np.int64)[None, :]
    rank_key = np.where(freq <= max_df, freq * sample + col, (max_df + 1) * sample + col)
    pick = np.argsort(rank_key, axis=1, kind="stable")[:, :use]
    chosen = np.take_along_axis(freq, pick, axis=1) <= max_df
    a_idx = np.repeat(np.arange(n, dtype=np.int64), use)[chosen.reshape(-1)]
    p_slot = np.take_along_axis(slot, pick, axis=1).reshape(-1)[chosen.reshape(-1)]
    count = df[p_slot]
    a_rep = np.repeat(a_idx, count)
    before = np.repeat(np.cumsum(count) - count, count)
    offset = np.arange(int(count.sum()), dtype=np.int64) - before
    b_rep = pd[np.repeat(starts[p_slot], count) + offset]
    code = np.unique(a_rep * n + b_rep)
    a_c, b_c = code // n, code % n
    # the container is the larger document (equal sizes: the better-ranked one)
    ok = (a_c != b_c) & ((sizes[b_c] > sizes[a_c]) | ((sizes[b_c] == sizes[a_c]) & (b_c < a_c)))
    a_c, b_c = a_c[ok], b_c[ok]
    docs = np.array(kept, dtype=np.int64)
    inter, size_a, _ = _overlaps_np(keys, docs[a_c], docs[b_c], k)
    cont = np.zeros(len(inter), dtype=np.float64)
    nz = size_a > 0
    cont[nz] = inter[nz] / size_a[nz]
    good = cont >= options.containment_threshold
    out: dict[int, Match] = {}
    # pairs are sorted by (a, b): the first verified b of each a is its best-ranked
    for a, b, c in zip(a_c[good].tolist(), b_c[good].tolist(), cont[good].tolist(), strict=True):
        if a not in out:
            out[a] = Match(kept[a], kept[b], "contained", c)
    return list(out.values())


def _contained(
    keys: Sequence[DocKey],
    kept: list[int],
    rank: dict[int, int],
    sets: _SetCache,
    options: Options,
    sample: int = 8,
    use: int = 4,
    max_df: int = 50,
) -> list[Match]:
    """Kept documents whose shingles lie (to ``containment_threshold``) in a larger one.

    Candidates come from an inverted index of each document's ``sample`` smallest
    shingle hashes (a bottom-k sample: a shingle is chosen by its hash alone, so
    a contained text's sample is almost all inside the container); the ``use``
    least frequent of them are looked up; shingles in more than ``max_df``
    documents (wire templates) are skipped. Every candidate is verified.
    """
    bottoms: dict[int, list[int]] = {}
    wanted: set[int] = set()
    for i in kept:
        bottom = sorted(sets(i))[:sample]
        bottoms[i] = bottom
        wanted.update(bottom)
    postings: dict[int, list[int]] = {}
    for i in kept:
        for h in sets(i) & wanted:
            postings.setdefault(h, []).append(i)
    out = []
    for a in kept:
        size_a = len(sets(a))
        probes = [h for h in bottoms[a] if len(postings.get(h, ())) <= max_df]
        probes.sort(key=lambda h: len(postings[h]))
        candidates = {b for h in probes[:use] for b in postings[h] if b != a}
        best: Match | None = None
        for b in sorted(candidates, key=rank.__getitem__):
            size_b = len(sets(b))
            if size_b < size_a or (size_b == size_a and rank[b] > rank[a]):
                continue  # the container is the larger document
            _, cont = similarity(sets(a), sets(b))
            if cont >= options.containment_threshold:
                best = Match(a, b, "contained", cont)
                break
        if best is not None:
            out.append(best)
    return out


# -- 5. clusters (for `newslint dedup`) --------------------------------------------


class Cluster(NamedTuple):
    id: int
    kept: int
    members: list[Match]  # the copies, each with its similarity to `kept`'s cluster


def clusters(matches: Iterable[Match]) -> list[Cluster]:
    """Group copies under the kept document they copy, directly or through a chain
    of containments; clusters are numbered by their kept document's index."""
    matches = list(matches)
    parent = {m.copy: m.original for m in matches}

    def root(i: int) -> int:
        for _ in range(len(parent) + 1):
            if i not in parent:
                break
            i = parent[i]
        return i

    groups: dict[int, list[Match]] = {}
    for m in sorted(matches):
        groups.setdefault(root(m.copy), []).append(m)
    return [
        Cluster(n + 1, kept, members) for n, (kept, members) in enumerate(sorted(groups.items()))
    ]


# -- 6. the persisted index (SQLite) ------------------------------------------------


class IndexedDoc(NamedTuple):
    rowid: int
    path: str | None
    record: int | None
    doc_id: str | None
    abspath: str | None


class Index:
    """An on-disk LSH index of documents: band keys plus the word ids to verify.

    Tables: ``meta`` (parameters), ``docs`` (where each document came from, its
    exact digest and word ids) and ``bands`` (band, key, doc) with an index on
    (band, key). The parameters it was built with are kept and used for queries.
    """

    def __init__(self, path: str, *, create: bool = False, options: Options | None = None) -> None:
        import os
        import sqlite3

        self.path = path
        if not create and not os.path.isfile(path):
            raise IndexError_(f"{path}: no such index (build it with `newslint index build`)")
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        if create:
            self.db.executescript(
                """
                DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS bands;
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE docs(id INTEGER PRIMARY KEY, path TEXT, abspath TEXT,
                                  record INTEGER, doc_id TEXT, date TEXT, words INTEGER,
                                  exact BLOB, ids BLOB);
                CREATE TABLE bands(band INTEGER NOT NULL, key INTEGER NOT NULL,
                                   doc INTEGER NOT NULL);
                CREATE INDEX bands_key ON bands(band, key);
                CREATE INDEX docs_exact ON docs(exact);
                """
            )
            o = options or Options()
            params = o.lsh
            meta = {
                "version": INDEX_VERSION,
                "threshold": repr(o.threshold),
                "num_perm": str(o.num_perm),
                "shingle_size": str(o.shingle_size),
                "bands": str(params.bands),
                "rows": str(params.rows),
            }
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            self.db.commit()
        try:
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"{path}: not a newslint index ({exc})") from None
        if meta.get("version") != INDEX_VERSION:
            raise IndexError_(f"{path}: index version {meta.get('version')!r} is not supported")
        self.shingle_size = int(meta["shingle_size"])
        self.params = LSHParams(int(meta["num_perm"]), int(meta["bands"]), int(meta["rows"]))
        self.threshold = float(meta["threshold"])

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def add(self, docs: Sequence[tuple[Any, DocKey]]) -> int:
        """Add ``(ref, key)`` pairs (refs as :class:`newslint.rule.DocRef`)."""
        import os

        sk = sketches([k.ids for _, k in docs], self.shingle_size, self.params)
        cur = self.db.cursor()
        added = 0
        for (ref, key), bands in zip(docs, sk, strict=True):
            if bands is None:
                continue
            cur.execute(
                "INSERT INTO docs(path, abspath, record, doc_id, date, words, exact, ids) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (ref.path, os.path.abspath(ref.path) if ref.path else None, ref.record,
                 ref.doc_id, key.date, key.words, key.exact, key.ids),
            )  # fmt: skip
            rowid = cur.lastrowid
            cur.executemany(
                "INSERT INTO bands VALUES (?, ?, ?)",
                [(b, _signed(v), rowid) for b, v in enumerate(bands)],
            )
            added += 1
        self.db.commit()
        return added

    def query(
        self, key: DocKey, options: Options, exclude: tuple[str | None, int | None] | None = None
    ) -> Match | None:
        """The first indexed document (in index order) this one duplicates, verified."""
        sk = sketches([key.ids], self.shingle_size, self.params)[0]
        if sk is None:
            return None
        found: set[int] = set()
        for band, value in enumerate(sk):
            rows = self.db.execute(
                "SELECT doc FROM bands WHERE band = ? AND key = ?", (band, _signed(value))
            ).fetchall()
            found.update(r[0] for r in rows)
        exact = self.db.execute("SELECT id FROM docs WHERE exact = ?", (key.exact,)).fetchall()
        found.update(r[0] for r in exact)
        if not found:
            return None
        mine = shingle_set(key.ids, self.shingle_size)
        for rowid in sorted(found):
            row = self.db.execute(
                "SELECT abspath, record, ids, exact FROM docs WHERE id = ?", (rowid,)
            ).fetchone()
            if exclude is not None and (row[0], row[1]) == exclude:
                continue
            if row[3] == key.exact:
                return Match(-1, rowid, "exact", 1.0)
            theirs = shingle_set(row[2], self.shingle_size)
            jac, cont = similarity(mine, theirs)
            if jac >= options.threshold:
                return Match(-1, rowid, "near", jac)
            contained = options.containment and cont >= options.containment_threshold
            if contained and len(mine) <= len(theirs):
                return Match(-1, rowid, "contained", cont)
        return None

    def doc(self, rowid: int) -> IndexedDoc:
        row = self.db.execute(
            "SELECT id, path, record, doc_id, abspath FROM docs WHERE id = ?", (rowid,)
        ).fetchone()
        return IndexedDoc(*row)


class IndexError_(Exception):
    """The index file is missing, not an index, or of another version."""


def _signed(v: int) -> int:
    return v - (1 << 64) if v >= 1 << 63 else v


def describe(path: str | None, record: int | None, doc_id: str | None) -> str:
    """How a message names a document: ``path``, ``path:record`` and ``(id ...)``."""
    where = path or "<stdin>"
    if record is not None:
        where += f":{record}"
    if doc_id:
        where += f" (id {doc_id})"
    return where
