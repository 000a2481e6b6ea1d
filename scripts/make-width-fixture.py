#!/usr/bin/env python3
r"""Write Tests/CartographKitTests/Fixtures/widths.tsv: sample strings and their display width.

The expected widths come from the Python `wcwidth` package (`wcwidth.width()`), the project's
reference for terminal cell widths. The fixture is generated once and committed; rerun this
script only to extend the sample set or to move to a newer wcwidth, and review the diff.

Usage:
    scripts/make-width-fixture.py [--output PATH]

File format (UTF-8):
    - lines starting with '#' are comments (section titles name the sample group);
    - every other line is `STRING<TAB>WIDTH`;
    - in STRING, a backslash is written `\\`, and every control, format, combining, separator or
      otherwise non-printable character, a leading or trailing space and a leading '#' are
      written `\u{HEX}`, so that tabs, newlines and invisible characters can neither break nor
      hide in the file.

The samples avoid the few characters whose width changed between the Unicode version of the
Swift tables (see WidthTables.unicodeVersion) and wcwidth's: they are listed in VERSION_DEPENDENT.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import wcwidth

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "Tests" / "CartographKitTests" / "Fixtures" / "widths.tsv"

# Characters whose East_Asian_Width changed in Unicode 16.0 (Neutral -> Wide). Their width
# depends on which Unicode version a table was generated from, so the systematic sweep below
# leaves them out; DisplayWidth.swift documents the difference.
VERSION_DEPENDENT = [
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x4DC0, 0x4DFF),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
]

SKIN_TONES = ["\U0001F3FB", "\U0001F3FC", "\U0001F3FD", "\U0001F3FE", "\U0001F3FF"]


def groups() -> list[tuple[str, list[str]]]:
    ascii_samples = [
        "",
        "a",
        "hello",
        "Hello, World!",
        "cartograph build --out docs/map.md",
        "path/to/File.swift:42:7",
        "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
        " leading space",
        "trailing space ",
        "   ",
        "+----------+",
        "| cell     |",
        "The quick brown fox jumps over the lazy d",
        "x" * 80,
    ]
    box = list("─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬╭╮╯╰━┃┏┓┗┛┣┫╴╵╶╷▀▄█░▒▓■□▲△▼▽◆◇○●")
    box += [
        "┌────────┐",
        "│ Config │",
        "├────────┤",
        "└────────┘",
        "├─ child",
        "│  └─ leaf",
        "╭──╮",
        "╰──╯",
        "┌─┬─┐",
        "└─┴─┘",
    ]
    symbols = list("←↑→↓↔↕⇐⇒⇔⇧➜➔⟶↳↪↩•◦▪▫▸▹‣⁃·✓✔✗✘…—–§©®™°±×÷µ€£¥¢½¼①②ΩΣπ√∞≈≠≤≥")
    symbols += ["↓ next", "a → b", "• item", "✓ done", "✗ failed", "½ ¼ ¾", "①②③", "“quoted”", "‘single’"]
    latin = [
        "café",
        "naïve",
        "Ångström",
        "Straße",
        "Øresund",
        "Łódź",
        "ǅungla",
        "Ελληνικά",
        "Русский язык",
        "Українська",
        "Հայերեն",
        "ქართული",
        "العربية",
        "مَرْحَبًا",
        "עברית",
        "שָׁלוֹם",
        "ܐܪܡܝܐ",
        "ދިވެހި",
    ]
    indic = [
        "नमस्ते",
        "हिन्दी",
        "क्षत्रिय",
        "कि",
        "क्ष",
        "क्षि",
        "क्",
        "क्\u200dष",
        "क्\u200cष",
        "कः",
        "বাংলা",
        "ਪੰਜਾਬੀ",
        "ગુજરાતી",
        "ଓଡ଼ିଆ",
        "தமிழ்",
        "తెలుగు",
        "ಕನ್ನಡ",
        "മലയാളം",
        "සිංහල",
        "ภาษาไทย",
        "กำ",
        "น้ำ",
        "ພາສາລາວ",
        "བོད་ཡིག",
        "မြန်မာ",
        "ខ្មែរ",
        "ᬅᬓ᭄ᬱᬭ",
    ]
    cjk = [
        "日本語",
        "中文",
        "漢字",
        "東京",
        "日本",
        "こんにちは",
        "カタカナ",
        "ひらがな",
        "ｶﾀｶﾅ",
        "ﾊﾝｶｸ ｶﾅ",
        "ｧｨｩｪｫ",
        "ＡＢＣ",
        "１２３",
        "！？",
        "、。「」『』【】",
        "（括弧）",
        "\u3000",
        "〜ー・",
        "日本語abc",
        "Tokyo 東京",
        "中文 English 混合",
        "简体中文",
        "繁體中文",
        "𠀋𡈽𡌛",
        "〇一二三",
        "㊗㊙",
        "㍻",
        "ヶ",
        "ゟ",
    ]
    hangul = [
        "한국어",
        "안녕하세요",
        "ㄱㄴㄷ",
        "ㅏㅑㅓ",
        "\u1100\u1161",
        "\u1100\u1161\u11a8",
        "\u1112\u1161\u11ab",
        "\u115f\u1160",
        "\u1100",
        "\u1161",
        "\u11a8",
        "\ua960\ud7b0",
        "ﾡﾢﾣ",
        "\u3164",
        "\uffa0",
        "한글 Hangul",
    ]
    emoji = list("✅❌❓❗⏳⌛⭐🔥🚀📦🎉😀🙂🤔🧭🗺🟢🟡🔴⚡☕⚽⛔⌚⏰🛑💡📝🔒🔑🧪🫨🩷🫎")
    emoji += ["✅ ok", "❌ no", "🔥🔥🔥", "🚀 launch"]
    text_default = list("⚠☀☁☎☑✔✖❤✏✂⬆➡⬇⬅↔↩▶◀♻⚙⚖✈✉☺♠♥♦♣ℹ™©®‼⁉〰〽⏏⏭⏯⏱⏲⏸▪▫◻◼☂☃☄★☆")
    variation = []
    for char in text_default:
        variation += [char, char + "\ufe0f", char + "\ufe0e"]
    variation += ["✅\ufe0f", "⌛\ufe0e", "❤️", "☺️ smile", "⚠️ warning", "a\ufe0f", "日\ufe0f"]
    keycaps = [c + "\ufe0f\u20e3" for c in "#*0123456789"] + ["1\u20e3", "#\u20e3"]
    flags = ["🇸🇬", "🇯🇵", "🇺🇸", "🇬🇧", "🇩🇪", "🇫🇷", "🇺🇳", "🇪🇺", "🇸", "🇸🇬🇸", "🇸🇬🇯🇵", "🇸 🇬"]
    flags += ["\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "🏳️‍🌈", "🏴‍☠️", "🏳️‍⚧️", "🏁", "🚩"]
    tones = []
    for base in ["👍", "👋", "✋", "🧑", "👩", "👶", "🤝", "💪"]:
        tones += [base + tone for tone in SKIN_TONES[::2]]
    tones += ["✌\U0001F3FD", "☝\U0001F3FD", "✌️", "🏻", "🏿", "a\U0001F3FD", "🏽🏽"]
    zwj = [
        "👨‍👩‍👧",
        "👨‍👩‍👧‍👦",
        "👩‍💻",
        "🧑‍🚀",
        "👁️‍🗨️",
        "❤️‍🔥",
        "❤️‍🩹",
        "🐕‍🦺",
        "🐻‍❄️",
        "👩🏽‍💻",
        "🧑🏿‍🤝‍🧑🏻",
        "🫱🏻‍🫲🏿",
        "😶‍🌫️",
        "🐦‍⬛",
        "🧔‍♂️",
        "🏃‍♀️",
        "🏃🏾‍♀️",
        "👨‍👩‍👧 family",
    ]
    combining = [
        "é",
        "e\u0301",
        "a\u0308\u0304",
        "Z\u0351\u0352\u0353\u0354",
        "\u0301",
        "x\u20dd",
        "o\u0332",
        "Tie\u0302\u0301ng Vie\u0323\u0302t",
        "n\u0303o",
        "\u0300\u0301",
        "\u20e3",
        "i\u0307",
    ]
    zero_width = [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\ufe0f",
        "\ufe0e",
        "\ufe00",
        "\U000E0001",
        "\U000E0100",
        "\u034f",
        "\u180e",
        "\u2028",
        "\u2029",
        "\u061c",
        "\u200e\u200f",
        "\u202a\u202e",
        "\u2066\u2069",
        "a\u200bb",
        "word\u2060joiner",
        "\ufeffBOM",
        "日本\u200b語",
        "\u00ad",
        "soft\u00adhyphen",
        "\u0600",
        "\u0600\u0661\u0662",
        "\U000110BD",
    ]
    mixed = [
        "│ 日本語 ⚠️ done │",
        "✅ passed: 12 · ❌ failed: 0",
        "→ next: 東京 🇯🇵",
        "• 항목 one",
        "status: ⏳ pending",
        "│ café ☕ │",
        "┌─ 🚀 deploy ─┐",
        "Ω≈ç√∫˜µ≤≥÷",
        "🇸🇬 Singapore",
        "├── src/ 📁",
        "│   └── main.swift ✨",
        "⚠ 注意: ｶﾀｶﾅ",
        "e\u0301te\u0301 · 夏",
        "한국어/日本語/English",
        "👍🏽 approved by 田中",
    ]
    return [
        ("ASCII", ascii_samples),
        ("Box drawing and block elements", box),
        ("Arrows, bullets and other symbols (East Asian Ambiguous counts 1)", symbols),
        ("Latin, Greek, Cyrillic and other alphabets", latin),
        ("Indic and Southeast Asian scripts (spacing marks, viramas)", indic),
        ("CJK, kana and fullwidth forms", cjk),
        ("Hangul and conjoining jamo", hangul),
        ("Emoji with default emoji presentation", emoji),
        ("Text-default emoji bare, with VS16 and with VS15", variation),
        ("Keycaps", keycaps),
        ("Flags and regional indicators", flags),
        ("Skin tone modifiers", tones),
        ("ZWJ sequences", zwj),
        ("Combining marks", combining),
        ("Zero-width and format characters", zero_width),
        ("Mixed strings", mixed),
        ("Sweep: one code point of every 499 (assigned in Python's unicodedata)", sweep()),
    ]


def version_dependent(code_point: int) -> bool:
    return any(first <= code_point <= last for first, last in VERSION_DEPENDENT)


def sweep() -> list[str]:
    """Single assigned, printable-or-mark code points spread over the BMP and the SMP/SIP."""
    samples = []
    for code_point in range(0xA0, 0x32000, 499):
        char = chr(code_point)
        category = unicodedata.category(char)
        if category in ("Cn", "Cs", "Co", "Cc") or version_dependent(code_point):
            continue
        samples.append(char)
    return samples


def escape(text: str) -> str:
    out = []
    last = len(text) - 1
    for position, char in enumerate(text):
        code_point = ord(char)
        category = unicodedata.category(char)
        if char == "\\":
            out.append("\\\\")
        elif (
            not char.isprintable()
            or category[0] in ("M", "C", "Z") and char != " "
            or char == " " and position in (0, last)
            or char == "#" and position == 0
            or 0xFE00 <= code_point <= 0xFE0F
            or 0xE0000 <= code_point <= 0xE0FFF
            or 0x1160 <= code_point <= 0x11FF
            or 0xD7B0 <= code_point <= 0xD7FF
        ):
            out.append(f"\\u{{{code_point:X}}}")
        else:
            out.append(char)
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    lines = [
        "# Display width fixture for DisplayWidthTests (string TAB expected width).",
        "# Generated by scripts/make-width-fixture.py — do not edit by hand.",
        f"# Oracle: Python wcwidth {wcwidth.__version__} (Unicode {wcwidth.list_versions()[-1]}), wcwidth.width().",
        "# Escapes: \\\\ is a backslash, \\u{HEX} is the code point HEX.",
    ]
    seen: set[str] = set()
    count = 0
    for title, samples in groups():
        lines.append(f"# {title}")
        for sample in samples:
            if sample in seen:
                continue
            seen.add(sample)
            expected = wcwidth.width(sample)
            if wcwidth.wcswidth(sample) != expected:
                print(f"warning: width and wcswidth disagree on {sample!r}", file=sys.stderr)
            lines.append(f"{escape(sample)}\t{expected}")
            count += 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {count} samples to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
