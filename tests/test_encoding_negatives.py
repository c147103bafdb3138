"""Correct text in many scripts must pass every encoding, markup and typography rule.

These are the negative cases of issue 3: accents, Greek, Cyrillic, Turkish dotted
and dotless i, CJK, Arabic and Hebrew with their marks, Persian with zero-width
non-joiners, Indic scripts, Thai, emoji with zero-width joiners, curly quotes and
the punctuation of several languages. Most are Article 1 of the Universal
Declaration of Human Rights in the official translations, or lines of the Zyte
article-extraction benchmark in ``../shared/data`` (marked ``zyte``).
"""

from __future__ import annotations

import unicodedata

import pytest

import newslint
from newslint import Document
from newslint.engine import Linter

CATEGORIES = ["encoding", "markup", "typography"]

TEXTS = {
    "french-quotes-and-apostrophes": (
        "« C’est inacceptable », a déclaré le président à l’AFP. Où est l’été ? "
        "Ça coûte 15 € à Besançon, Zoë et Noël."
    ),
    "german-quotes-and-umlauts": (
        "„Das ist ein Skandal“, sagte Müller – der Präsident – am Montag in Düsseldorf. "
        "Die Straße ist groß."
    ),
    "spanish-inverted-marks": "¿Dónde está el niño? ¡Mañana! Peña, año, Núñez y Guaidó.",
    "portuguese-zyte": (
        "Nesta página você terá sempre a classificação atualizada da NASCAR até a última corrida!"
    ),
    "polish-czech-vietnamese": (
        "Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw.\n"
        "Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv.\n"
        "Tất cả mọi người sinh ra đều được tự do và bình đẳng về nhân phẩm và quyền lợi."
    ),
    "nordic": "Håøya ligger i Oslofjorden. Jökulsárlón og Þingvellir. Ærø, Øresund, Åland.",
    "greek": (
        "Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι στην αξιοπρέπεια και τα "
        "δικαιώματα. Είναι προικισμένοι με λογική και συνείδηση, και οφείλουν να "
        "συμπεριφέρονται μεταξύ τους με πνεύμα αδελφοσύνης."
    ),
    "greek-diaeresis-as-quotes": "Η ¨ανατροφή¨ δυστυχώς από τους προπονητές",
    "russian": (
        "Все люди рождаются свободными и равными в своем достоинстве и правах. "
        "Всё её ещё «ёлка» — подъезд, съёмка… «Слово»."
    ),
    "russian-zyte": (
        "Наши герои знают толк не только во вкусе, но и в красоте еды. За их аккаунтами "
        "следят тысячи подписчиков, а фудблогеры, в свою очередь, радуют поклонников "
        "рецептами и яркими сочными постами."
    ),
    "ukrainian-serbian": (
        "Всі люди народжуються вільними і рівними у своїй гідності та правах. Київ, "
        "Україна, ґанок, її.\nЂорђе и Љубица живе у Београду."
    ),
    "turkish-dotted-dotless-i": (
        "Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar. İstanbul’da, "
        "Iğdır’da ve Şişli’de IŞIK ılık; İZMİR, ığdır."
    ),
    "arabic-with-marks": (
        "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا "
        "وعليهم أن يعامل بعضهم بعضًا بروح الإخاء."
    ),
    "arabic-harakat-zyte": "ْﺐِﺒْﺣَﺃ َﻚَﺒﻴِﺒَﺣ ﺎًﻧْﻮَﻫ ﺎَﻣ ﻰَﺴَﻋ ْﻥَﺃ َﻥﻮُﻜَﻳ َﻚَﻀْﻴِﻐَﺑ ﺎًﻣْﻮَﻳ ،ﺎَﻣ",
    "persian-zwnj": (
        "تمام افراد بشر آزاد به دنیا می\u200cآیند و از لحاظ حیثیت و حقوق با هم برابرند. "
        "همه دارای عقل و وجدان می\u200cباشند و باید نسبت به یکدیگر با روح برادری "
        "رفتار کنند."
    ),
    "hebrew-with-rtl-mark": (
        "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם. מחיר: 15\u200f ש״ח, בְּרֵאשִׁית."
    ),
    "hindi-and-malayalam-joiners": (
        "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता "
        "प्राप्त है। क्\u200dष और अव्\u200cयय।\nമനുഷ്യരെല്ലാവരും തുല്യാവകാശങ്ങളോടും അവന്\u200d."
    ),
    "thai-with-zero-width-space": "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกัน\u200bในเกียรติศักดิ์และสิทธิ",
    "chinese": (
        "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
    ),
    "japanese-zyte": (
        "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで20代の男性が"
        "逮捕されたというニュースを耳にしました。"
    ),
    "korean-zyte": (
        "[엔터미디어=정덕현의 이슈공감] 엘제이의 리벤지인가, 류화영의 피해자 코스프레인가. "
        "시작은 엘제이의 일방적인 사진 공개로부터 비롯됐다. 나아가 ‘리벤지’의 성격을 가진 "
        "SNS 폭로로 여겨지기 때문이다."
    ),
    "korean-title-in-angle-brackets-zyte": (
        "For those who have yet to watch <The Palace: Tale of Jang Noksu>, what are you "
        "waiting for?"
    ),
    "emoji-sequences": (
        "Congrats 🎉👏🏽 👩\u200d👩\u200d👧\u200d👦 🇺🇦 1️⃣ ❤️ 🏳️\u200d⚧️ 👨🏿\u200d💻 "
        "— Dianna E. Anderson 🏳️\u200d🌈 (@diannaeanderson) November 18, 2019"
    ),
    "english-typography": (
        "He said, “It’s over — really…” ‘Yes.’ Prices rose 5%–6% (£15m, €20m, ¥3bn); "
        "the 1990s’ boom, rock ’n’ roll, Nicolás Maduro’s “victory”."
    ),
    "maths-and-symbols": "4288×… 2012—∞ (-1/2)! = √π ±0.5 ≥ 3 ≤ 4 ½ cup, 10 °C, 5 µm, © ® ™",
    "no-break-spaces": "10\u00a0km from Paris, 15\u00a0000 people, M.\u00a0Macron.",
    "reuters-text-with-tickers": (
        "Allied Lyons Plc <ALLD.L> said its subsidiary <Hiram Walker-Goodman and Worts> "
        "agreed. First Interstate Bancorp <I> takeover bid; Standard and Poor's said."
    ),
    "questions-and-brackets": (
        "Is it over? “Really?” he asked. We note that [the company] faced a [0.6% to 0.7%] "
        "hurricane headwind, [1] and Mt 10, 39; 16, 25 says so."
    ),
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return newslint.project(select=CATEGORIES).linter_for(None)


def test_the_rules_under_test_are_selected(linter: Linter) -> None:
    names = {r.meta.name for r in linter.ruleset.rules}
    assert {
        "entity-debris",
        "mojibake",
        "invisible-character",
        "lost-character",
        "unicode-normalization",
        "markup-debris",
    } <= names


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_correct_text_has_no_findings(name: str, linter: Linter) -> None:
    text = TEXTS[name]
    assert unicodedata.is_normalized("NFC", text), "the negative text itself must be NFC"
    found = linter.lint(Document(text))
    assert not found, [f"{d.line}:{d.column} {d.rule}: {d.message}" for d in found]
