"""The name data has tests, as codespell tests its lists.

The alias groups of ``name-consistency`` (``rules/name-consistency.yaml`` and
``rules/names/``), the house styles, the exemptions, and the guard lists of
``name-variant`` and ``honorific-style`` are data: a form in two groups, an
exemption that hides nothing, a style that names a missing form or two rules
that undo each other's fixes would all go unnoticed by the rule fixtures.
"""

from __future__ import annotations

import re

import pytest

import newslint
from newslint.checks import honorific_style, name_variant
from newslint.kinds.consistency import ConsistencyRule
from newslint.packs import builtin_pack_dir, load_pack_rules

RULE = next(r for r in load_pack_rules([builtin_pack_dir()]) if r.meta.name == "name-consistency")
assert isinstance(RULE, ConsistencyRule)
GROUPS = {g.id: g for g in RULE.groups}
PRESETS = ("ap", "reuters", "bbc", "guardian")

# One real-world name per exemption: the exemption must match it, and the match must
# hide a form of its group (otherwise the exemption is dead or wrongly escaped).
EXEMPTION_SAMPLES: dict[str, list[str]] = {
    "united-states": [
        "USA Today",
        "USA TODAY",
        "Team USA",
        "Miss USA",
        "Made in USA",
        "U.S. Open",
        "USA Gymnastics",
        "US Airways",
        "U.S. Steel",
        "US 1",
        "United States of America v. Microsoft",
        "Constitution of the United States of America",
        "Chevron Co USA",
        "Chevron USA Inc",
        "Cargill (USA)",
        "<Nissan Motor Manufacturing Corp USA>",
    ],
    "united-kingdom": [
        "UK Independence Party",
        "UK Athletics",
        "UK Sport",
        "UK Music",
        "UK Biobank",
        "UK Finance",
        "UK Garage",
        "Toyota UK Ltd",
        "Unilever (UK)",
        "<Allied Lyons UK Plc>",
    ],
    "united-nations": ["UN Women", "UN Watch", "UN-Habitat"],
    "russia": [
        "Russian Federation Council",
        "Federation Council of the Russian Federation",
        "Constitution of the Russian Federation",
        "Russian Federation Senate",
    ],
    "fifa": ["FIFA 20"],
}

CAPITAL_METONYMS = (
    "Washington",
    "London",
    "Moscow",
    "Brussels",
    "Beijing",
    "Paris",
    "Berlin",
    "Tokyo",
    "Kinshasa",
    "Abu Dhabi",
    "the Kremlin",
    "the White House",
    "Downing Street",
    "Whitehall",
)


def test_presets_exist_and_name_only_real_forms() -> None:
    for style in PRESETS:
        assert style in RULE.styles, style
        for gid, form in RULE.styles[style].items():
            assert form in GROUPS[gid].forms, (style, gid, form)
    # every style names a form for the big country groups
    for style in PRESETS:
        for gid in ("united-states", "united-kingdom", "united-nations", "european-union"):
            assert gid in RULE.styles[style], (style, gid)


def test_no_form_in_two_groups_and_no_form_is_neutral_elsewhere() -> None:
    seen: dict[str, str] = {}
    for g in RULE.groups:
        for form in g.forms:
            assert form not in seen, f"{form!r} is in {seen.get(form)} and {g.id}"
            seen[form] = g.id
    for g in RULE.groups:
        for neutral in g.neutral:
            assert neutral not in seen, (
                f"neutral {neutral!r} of {g.id} is a form of {seen[neutral]}"
            )


def test_forms_match_themselves_and_no_neutral_form_is_matched() -> None:
    for g in RULE.groups:
        for form in g.forms:
            assert g.pattern.fullmatch(form), (g.id, form)
        for neutral in g.neutral:
            text = f"Officials of {neutral} said so."
            assert not [m for m in g.pattern.finditer(text) if neutral in m.group()], (
                f"{g.id}: neutral {neutral!r} is matched as a form"
            )


@pytest.mark.parametrize("gid", sorted(EXEMPTION_SAMPLES))
def test_every_exemption_hides_a_form_of_its_group(gid: str) -> None:
    group = GROUPS[gid]
    samples = EXEMPTION_SAMPLES[gid]
    for exempt in group.exempt_patterns:
        hits = [s for s in samples if exempt.search(s)]
        assert hits, f"{gid}: exemption {exempt.pattern!r} has no sample name"
        for sample in hits:
            m = exempt.search(sample)
            assert m is not None
            assert group.pattern.search(m.group()), (
                f"{gid}: exemption {exempt.pattern!r} matches {m.group()!r}, "
                "which contains no form of the group"
            )


@pytest.mark.parametrize("gid", sorted(EXEMPTION_SAMPLES))
def test_exempt_names_are_not_reported_in_a_mixed_article(gid: str) -> None:
    group = GROUPS[gid]
    other = group.forms[0]
    for sample in EXEMPTION_SAMPLES[gid]:
        for form in group.forms:
            if form in sample or (form == other and len(group.forms) > 1):
                continue
            # the sample's own form mixed with another form in running prose
            text = f"{sample} was mentioned.\n\nThe {form} and the {other} officials met.\n"
            found = newslint.lint(text, select=["name-consistency"])
            inside = [d for d in found if d.start < len(sample)]
            assert not inside, (sample, [d.message for d in inside])
            break


def test_capital_city_metonyms_are_never_forms_and_never_reported() -> None:
    forms = {f for g in RULE.groups for f in g.forms}
    for capital in CAPITAL_METONYMS:
        assert capital not in forms, capital
    text = " ".join(f"{c} said so." for c in CAPITAL_METONYMS) + " U.S. officials agreed."
    assert not newslint.lint(text, select=["name-consistency"])


def test_headline_forms_are_undotted_forms_of_a_dotted_house_form() -> None:
    for g in RULE.groups:
        for form in g.headline:
            assert "." not in form and any("." in f for f in g.forms), (g.id, form)


DAMAGED = [
    "The U.S-backed plan failed. US officials said so, and the USA government agreed.",
    "Troops from the U.S arrived. The U.K government and the UK said nothing.",
    "They turned to the U.S.. The US then left, and the U. S. Army stayed.",
    "Officials of the US. government spoke; U.S. allies and the UK. embassy were silent.",
    "The U.N report and the UN agencies disagreed with the U.N. envoy.",
    "Made in the U.S.A and sold in the USA, said U.S. officials.",
]


@pytest.mark.parametrize("style", [*PRESETS, "majority"])
@pytest.mark.parametrize("text", DAMAGED)
def test_no_fix_loop_between_name_consistency_and_malformed_abbreviation(
    style: str, text: str
) -> None:
    rules = ["name-consistency", "malformed-abbreviation"]
    options = {"name-consistency": {"house-style": style}}
    result = newslint.fix(text, select=rules, options=options, unsafe_fixes=True)
    assert result.converged, (style, text, result.remaining)
    left = newslint.lint(result.text, select=rules, options=options)
    assert not left, (style, result.text, [d.message for d in left])
    again = newslint.fix(result.text, select=rules, options=options, unsafe_fixes=True)
    assert again.text == result.text


def test_malformed_abbreviation_never_writes_what_it_flags() -> None:
    rule = next(
        r for r in load_pack_rules([builtin_pack_dir()]) if r.meta.name == "malformed-abbreviation"
    )
    for sub in rule.subs:  # type: ignore[attr-defined]
        written = re.sub(r"\\\d", "S", sub.replacement)
        assert not sub.pattern.search(f"the {written} officials"), sub.pattern.pattern


# -- name-variant guard data --------------------------------------------------------


def test_name_variant_guard_lists_are_folded_and_pairs_are_near() -> None:
    for word in name_variant._KNOWN_DISTINCT:
        assert word == name_variant.fold(word), word
    for pair in name_variant._DISTINCT_PAIRS:
        a, b = sorted(pair)
        assert a != b and a == name_variant.fold(a) and b == name_variant.fold(b), pair
        # a pair is listed only if the rule could take one for the other
        same_sound = name_variant.sound(a) == name_variant.sound(b)
        assert same_sound or (a[0] == b[0] and abs(len(a) - len(b)) <= 2), pair


def test_name_variant_stop_words_are_lower_case() -> None:
    assert all(w == w.lower() for w in name_variant._STOP)
    assert all(w == w.lower() for w in name_variant._GERMAN)


def test_fold_and_sound() -> None:
    assert name_variant.fold("Guaidó") == "guaido"
    assert name_variant.fold("Łódź") == "lodz"
    assert name_variant.sound("qaddafi") == name_variant.sound("kadhafi")
    assert name_variant.sound("gaddafi") == name_variant.sound("qaddafi")
    assert name_variant.sound("zelensky") == name_variant.sound("zelenskiy")


def test_honorific_presets_follow_the_name_styles() -> None:
    known = honorific_style.DOTTED_STYLES | honorific_style.UNDOTTED_STYLES
    # reuters has no preference for courtesy titles: it means "majority"
    assert set(PRESETS) - {"reuters"} <= known
    assert not honorific_style.DOTTED_STYLES & honorific_style.UNDOTTED_STYLES


def test_form_counts_is_the_key_a_corpus_rule_collects() -> None:
    text = (
        "UK Tories under fire\n\n"  # a headline: not counted
        "U.S. officials met. The US and USA Today disagreed, and the USA government "
        '"said the U.S.A. would act".\n'
    )
    counts = RULE.form_counts(newslint.Document(text), RULE.Options())
    # prose only; USA Today is a fixed name; the headline's UK is not counted
    assert counts == {"united-states": {"U.S.": 1, "US": 1, "USA": 1}}
    only_uk = RULE.Options(groups=("united-kingdom",))
    assert RULE.form_counts(newslint.Document(text), only_uk) == {}
