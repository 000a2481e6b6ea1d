#!/usr/bin/env python3
"""Generate Sources/CartographRender/Layout/WidthTables.swift from the Unicode Character Database.

Usage:
    scripts/generate-width-tables.py [UCD_DIR] [--output PATH] [--compare-wcwidth]

UCD_DIR defaults to /usr/share/unicode (Debian's `unicode-data` package). The files read are:

    EastAsianWidth.txt                      East_Asian_Width W / F
    extracted/DerivedGeneralCategory.txt    Mn Me Mc Cf Zl Zp (zero width), Mc (spacing marks)
    DerivedCoreProperties.txt               Default_Ignorable_Code_Point
    PropList.txt                            Prepended_Concatenation_Mark
    IndicSyllabicCategory.txt               Consonant, Virama
    emoji/emoji-data.txt                    Emoji_Presentation, Extended_Pictographic
    emoji/emoji-variation-sequences.txt     "X FE0F ; emoji style" sequences
    DerivedAge.txt                          only for --compare-wcwidth

The width rules reproduce those of the Python `wcwidth` package (the project's reference for
terminal cell widths) so that Cartograph's Swift measurements agree with it:

    zero (0)  General_Category Mn, Me, Mc, Cf, Zl, Zp; Hangul Jamo medial vowels and final
              consonants (U+1160..U+11FF, U+D7B0..U+D7FF); Default_Ignorable_Code_Point;
              except U+00AD SOFT HYPHEN, Prepended_Concatenation_Mark characters, U+115F HANGUL
              CHOSEONG FILLER and the Fitzpatrick modifiers U+1F3FB..U+1F3FF.
    wide (2)  East_Asian_Width W or F, Emoji_Presentation=Yes, the regional indicators
              U+1F1E6..U+1F1FF and the Fitzpatrick modifiers; zero wins over wide.
    narrow    everything else (East Asian Ambiguous counts as narrow). C0/C1 controls are handled
              in Swift code, not in the tables.

Contextual tables used inside a grapheme cluster:

    vs16NarrowToWide   narrow characters that become wide when followed by U+FE0F VS16
    spacingMarks       General_Category Mc: adds one column after a measured base character
    emojiModifierBases Extended_Pictographic plus regional indicators: a following Fitzpatrick
                       modifier adds no width
    indicConsonants    Indic_Syllabic_Category=Consonant: after a virama, forms a conjunct
    viramas            Indic_Syllabic_Category=Virama

The main width table (ranges of width 0 or 2 above U+00A0, everything else being 1) also gets a
bucket index, `widthBuckets`: the first range for every block of 256 code points below U+40000,
which narrows each binary search to the few ranges that can contain a code point.

With --compare-wcwidth the script also compares the generated data with the installed Python
`wcwidth` package, code point by code point, and prints the differences (to stderr) grouped by
cause. The generated Swift file depends only on the UCD files.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "Sources" / "CartographRender" / "Layout" / "WidthTables.swift"

HANGUL_JAMO_ZERO = set(range(0x1160, 0x1200)) | set(range(0xD7B0, 0xD800))
HANGUL_CHOSEONG_FILLER = 0x115F
SOFT_HYPHEN = 0x00AD
FITZPATRICK = set(range(0x1F3FB, 0x1F400))
REGIONAL_INDICATORS = set(range(0x1F1E6, 0x1F200))
ZERO_WIDTH_CATEGORIES = {"Mn", "Me", "Mc", "Cf", "Zl", "Zp"}
MAX_CODE_POINT = 0x10FFFF
# The width table has an index of the first range for every block of 2**BUCKET_SHIFT code points
# below BUCKET_LIMIT (planes 0 to 3, where nearly all ranges are).
BUCKET_SHIFT = 8
BUCKET_LIMIT = 0x40000


class UCDFile:
    """One UCD data file: its path, header version and date, and its parsed records."""

    def __init__(self, ucd: Path, *candidates: str) -> None:
        for name in candidates:
            path = ucd / name
            if path.is_file():
                self.path = path
                self.name = name
                break
        else:
            sys.exit(f"error: none of {', '.join(candidates)} found in {ucd}")
        self.lines = self.path.read_text(encoding="utf-8").splitlines()
        self.version = None
        self.date = None
        for line in self.lines[:12]:
            match = re.match(r"#\s*\S+?-(\d+\.\d+\.\d+)\.txt", line)
            if match and self.version is None:
                self.version = match.group(1)
            match = re.match(r"#\s*Version:\s*(\d+\.\d+)", line) or re.match(
                r"#\s*Used with Emoji Version (\d+\.\d+)", line
            )
            if match and self.version is None:
                self.version = match.group(1)
            match = re.match(r"#\s*Date:\s*(\d{4}-\d{2}-\d{2})", line)
            if match and self.date is None:
                self.date = match.group(1)

    def records(self):
        """Yield (first, last, fields) for every data line; fields exclude the code point column."""
        for line in self.lines:
            data = line.split("#", 1)[0].strip()
            if not data:
                continue
            columns = [column.strip() for column in data.split(";")]
            code_points = columns[0]
            if " " in code_points:  # a sequence (variation sequences file): handled by the caller
                continue
            if ".." in code_points:
                first, last = (int(part, 16) for part in code_points.split(".."))
            else:
                first = last = int(code_points, 16)
            yield first, last, columns[1:]

    def code_points(self, predicate) -> set[int]:
        result: set[int] = set()
        for first, last, fields in self.records():
            if predicate(fields):
                result.update(range(first, last + 1))
        return result

    def citation(self) -> str:
        return f"{self.name} ({self.version or 'unversioned'}, {self.date or 'undated'})"


def to_ranges(values: set[int]) -> list[tuple[int, int]]:
    """Sorted, merged, inclusive ranges."""
    ranges: list[tuple[int, int]] = []
    for value in sorted(values):
        if ranges and ranges[-1][1] == value - 1:
            ranges[-1] = (ranges[-1][0], value)
        else:
            ranges.append((value, value))
    return ranges


class Tables:
    def __init__(self, ucd: Path) -> None:
        self.east_asian_width = UCDFile(ucd, "EastAsianWidth.txt")
        self.general_category = UCDFile(
            ucd, "extracted/DerivedGeneralCategory.txt", "DerivedGeneralCategory.txt"
        )
        self.core_properties = UCDFile(ucd, "DerivedCoreProperties.txt")
        self.prop_list = UCDFile(ucd, "PropList.txt")
        self.indic = UCDFile(ucd, "IndicSyllabicCategory.txt")
        self.emoji_data = UCDFile(ucd, "emoji/emoji-data.txt", "emoji-data.txt")
        self.variation_sequences = UCDFile(
            ucd, "emoji/emoji-variation-sequences.txt", "emoji-variation-sequences.txt"
        )
        self.ucd = ucd

        self.unicode_version = self.east_asian_width.version
        if self.unicode_version is None:
            sys.exit("error: cannot read the Unicode version from EastAsianWidth.txt")
        for ucd_file in (self.general_category, self.core_properties, self.prop_list, self.indic):
            if ucd_file.version != self.unicode_version:
                sys.exit(
                    f"error: {ucd_file.name} is version {ucd_file.version}, "
                    f"EastAsianWidth.txt is {self.unicode_version}"
                )
        major_minor = ".".join(self.unicode_version.split(".")[:2])
        self.emoji_version = self.emoji_data.version
        for ucd_file in (self.emoji_data, self.variation_sequences):
            if ucd_file.version is not None and not (
                ucd_file.version == major_minor or ucd_file.version.startswith(major_minor + ".")
            ):
                sys.exit(
                    f"error: {ucd_file.name} is emoji version {ucd_file.version}, "
                    f"the UCD is {self.unicode_version}"
                )

        category: dict[int, str] = {}
        for first, last, fields in self.general_category.records():
            for code_point in range(first, last + 1):
                category[code_point] = fields[0]
        self.category = category

        east_asian_wide = self.east_asian_width.code_points(lambda f: f[0] in ("W", "F"))
        emoji_presentation = self.emoji_data.code_points(lambda f: f[0] == "Emoji_Presentation")
        default_ignorable = self.core_properties.code_points(
            lambda f: f[0] == "Default_Ignorable_Code_Point"
        )
        prepended_concatenation = self.prop_list.code_points(
            lambda f: f[0] == "Prepended_Concatenation_Mark"
        )
        zero_category = {cp for cp, gc in category.items() if gc in ZERO_WIDTH_CATEGORIES}

        zero = (zero_category | HANGUL_JAMO_ZERO | default_ignorable) - {
            SOFT_HYPHEN,
            HANGUL_CHOSEONG_FILLER,
        }
        zero -= prepended_concatenation
        zero -= FITZPATRICK
        wide = (east_asian_wide | emoji_presentation | REGIONAL_INDICATORS | FITZPATRICK) - zero

        self.zero = zero
        self.wide = wide
        self.emoji_presentation_not_east_asian_wide = emoji_presentation - east_asian_wide

        emoji_style = set()
        for line in self.variation_sequences.lines:
            data = line.split("#", 1)[0].strip()
            if not data:
                continue
            sequence = data.split(";")[0].split()
            if len(sequence) == 2 and sequence[1].upper() == "FE0F":
                emoji_style.add(int(sequence[0], 16))
        self.vs16_narrow_to_wide = {cp for cp in emoji_style if cp not in wide and cp not in zero}

        self.spacing_marks = {cp for cp, gc in category.items() if gc == "Mc"}
        self.emoji_modifier_bases = (
            self.emoji_data.code_points(lambda f: f[0] == "Extended_Pictographic")
            | REGIONAL_INDICATORS
        )
        self.indic_consonants = self.indic.code_points(lambda f: f[0] == "Consonant")
        self.viramas = self.indic.code_points(lambda f: f[0] == "Virama")

    def width(self, code_point: int) -> int:
        """Width of one code point outside any context (controls: 0)."""
        if code_point < 0x20 or 0x7F <= code_point < 0xA0:
            return 0
        if code_point in self.zero:
            return 0
        if code_point in self.wide:
            return 2
        return 1

    def width_ranges(self) -> list[tuple[int, int, int]]:
        """Merged ranges of code points >= U+00A0 whose width is not 1."""
        ranges: list[tuple[int, int, int]] = []
        values = sorted((cp, 0) for cp in self.zero if cp >= 0xA0)
        values += sorted((cp, 2) for cp in self.wide if cp >= 0xA0)
        values.sort()
        for code_point, width in values:
            if ranges and ranges[-1][1] == code_point - 1 and ranges[-1][2] == width:
                ranges[-1] = (ranges[-1][0], code_point, width)
            else:
                ranges.append((code_point, code_point, width))
        return ranges


def swift_array(name: str, doc: str, values: list[int], element: str, per_line: int = 8) -> str:
    lines = [f"    /// {doc}", f"    static let {name}: [{element}] = ["]
    for start in range(0, len(values), per_line):
        chunk = values[start : start + per_line]
        if element in ("UInt8", "UInt16"):
            lines.append("        " + ", ".join(str(v) for v in chunk) + ",")
        else:
            lines.append("        " + ", ".join(f"0x{v:05X}" for v in chunk) + ",")
    lines.append("    ]")
    return "\n".join(lines)


def range_table(name: str, doc: str, values: set[int]) -> str:
    ranges = to_ranges(values)
    firsts = swift_array(
        f"{name}Lower", f"{doc}: range lower bounds ({len(ranges)} ranges).", [r[0] for r in ranges], "UInt32"
    )
    lasts = swift_array(
        f"{name}Upper", f"{doc}: range upper bounds (inclusive).", [r[1] for r in ranges], "UInt32"
    )
    return firsts + "\n\n" + lasts


def render(tables: Tables) -> str:
    width_ranges = tables.width_ranges()
    sources = [
        tables.east_asian_width,
        tables.general_category,
        tables.core_properties,
        tables.prop_list,
        tables.indic,
        tables.emoji_data,
        tables.variation_sequences,
    ]
    first_special = width_ranges[0][0] if width_ranges else MAX_CODE_POINT + 1
    buckets = []
    for bucket in range((BUCKET_LIMIT >> BUCKET_SHIFT) + 1):
        start = bucket << BUCKET_SHIFT
        index = next((i for i, r in enumerate(width_ranges) if r[1] >= start), len(width_ranges))
        buckets.append(index)
    assert len(width_ranges) < 0xFFFF
    header = [
        "// swift-format-ignore-file",
        "// WidthTables.swift",
        "//",
        "// Generated by scripts/generate-width-tables.py — do not edit.",
        f"// Unicode Character Database version {tables.unicode_version}"
        + (f", emoji data version {tables.emoji_version}" if tables.emoji_version else "")
        + ".",
        "// Sources:",
        *[f"//   {source.citation()}" for source in sources],
        "//",
        "// The rules that turn these properties into widths are documented in the generator",
        "// script and in DisplayWidth.swift; they follow the Python `wcwidth` package.",
        "",
        "/// Unicode property tables used by ``DisplayWidth``, generated from the Unicode Character Database.",
        "///",
        "/// Every table is a sorted list of disjoint, merged, inclusive code point ranges stored as",
        "/// parallel arrays of lower and upper bounds, searched with a binary search.",
        "package enum WidthTables {",
        "    /// Version of the Unicode Character Database the tables were generated from.",
        f'    package static let unicodeVersion = "{tables.unicode_version}"',
        "",
        "    /// The smallest code point at or above U+00A0 whose width is not 1; everything from",
        "    /// U+00A0 up to (not including) this value is one column wide.",
        f"    static let firstNonNarrowScalar: UInt32 = 0x{first_special:05X}",
        "",
    ]
    body = [
        swift_array(
            "widthLower",
            f"Code point ranges (U+00A0 and above) whose width is not 1: lower bounds ({len(width_ranges)} ranges).",
            [r[0] for r in width_ranges],
            "UInt32",
        ),
        "",
        swift_array(
            "widthUpper",
            "Code point ranges whose width is not 1: upper bounds (inclusive).",
            [r[1] for r in width_ranges],
            "UInt32",
        ),
        "",
        swift_array(
            "widthValue",
            "Width of each range in `widthLower`/`widthUpper`: 0 (zero width) or 2 (wide).",
            [r[2] for r in width_ranges],
            "UInt8",
            per_line=24,
        ),
        "",
        "    /// `widthBuckets[k]` is the index of the first range in `widthLower`/`widthUpper` whose",
        f"    /// upper bound is at least `k << widthBucketShift`, for code points below `widthBucketLimit`;",
        "    /// it narrows the binary search to the few ranges that can contain a code point.",
        f"    static let widthBucketShift: UInt32 = {BUCKET_SHIFT}",
        "",
        "    /// Code points from this value up are searched in the ranges from the last bucket on.",
        f"    static let widthBucketLimit: UInt32 = 0x{BUCKET_LIMIT:05X}",
        "",
        swift_array(
            "widthBuckets",
            f"First range index for each block of {1 << BUCKET_SHIFT} code points ({len(buckets)} entries).",
            buckets,
            "UInt16",
            per_line=16,
        ),
        "",
        range_table(
            "vs16NarrowToWide",
            "Narrow characters displayed wide when followed by U+FE0F VARIATION SELECTOR-16",
            tables.vs16_narrow_to_wide,
        ),
        "",
        range_table(
            "spacingMarks",
            "General_Category=Mc (spacing combining marks)",
            tables.spacing_marks,
        ),
        "",
        range_table(
            "emojiModifierBases",
            "Extended_Pictographic and regional indicators (a following Fitzpatrick modifier adds no width)",
            tables.emoji_modifier_bases,
        ),
        "",
        range_table(
            "indicConsonants",
            "Indic_Syllabic_Category=Consonant",
            tables.indic_consonants,
        ),
        "",
        range_table(
            "viramas",
            "Indic_Syllabic_Category=Virama",
            tables.viramas,
        ),
    ]
    return "\n".join(header) + "\n" + "\n".join(body) + "\n}\n"


def describe(code_point: int) -> str:
    import unicodedata

    try:
        return unicodedata.name(chr(code_point))
    except ValueError:
        return "(no name in Python's unicodedata)"


def compare_with_wcwidth(tables: Tables) -> int:
    """Print differences with the installed wcwidth package; return the number of code points that differ."""
    try:
        import wcwidth
        from wcwidth import table_grapheme, table_mc, table_vs16
    except ImportError:
        print("wcwidth is not installed: nothing to compare", file=sys.stderr)
        return 0

    wc_unicode = wcwidth.list_versions()[-1]
    print(
        f"Comparing UCD {tables.unicode_version} with wcwidth {wcwidth.__version__} "
        f"(Unicode {wc_unicode})",
        file=sys.stderr,
    )
    age_file = UCDFile(tables.ucd, "DerivedAge.txt")
    assigned = age_file.code_points(lambda f: True)

    differing: dict[str, list[tuple[int, int, int]]] = {"new": [], "changed": []}
    for code_point in range(MAX_CODE_POINT + 1):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        mine = tables.width(code_point)
        theirs = wcwidth.wcwidth(chr(code_point))
        if theirs < 0:  # C0/C1 controls: wcwidth says -1, DisplayWidth says 0 by design
            theirs = 0
        if mine != theirs:
            kind = "changed" if code_point in assigned else "new"
            differing[kind].append((code_point, mine, theirs))

    total = 0
    for kind, title in (
        ("changed", f"assigned in Unicode {tables.unicode_version} but measured differently"),
        ("new", f"not assigned in Unicode {tables.unicode_version}"),
    ):
        entries = differing[kind]
        total += len(entries)
        print(f"  {len(entries)} code points {title}", file=sys.stderr)
        groups: list[list[int]] = []
        for code_point, mine, theirs in entries:
            if groups and groups[-1][1] == code_point - 1 and groups[-1][2:] == [mine, theirs]:
                groups[-1][1] = code_point
            else:
                groups.append([code_point, code_point, mine, theirs])
        for first, last, mine, theirs in groups:
            span = f"U+{first:04X}" if first == last else f"U+{first:04X}..U+{last:04X}"
            print(
                f"    {span:22} ours {mine}, wcwidth {theirs}  {describe(first)}",
                file=sys.stderr,
            )

    def compare_set(label: str, ours: set[int], theirs_ranges) -> None:
        theirs = {cp for first, last in theirs_ranges for cp in range(first, last + 1)}
        only_ours = sorted(ours - theirs)
        only_theirs = sorted(theirs - ours)
        print(
            f"  {label}: {len(only_ours)} only here, {len(only_theirs)} only in wcwidth"
            + (
                f" (only in wcwidth, assigned in {tables.unicode_version}: "
                + ", ".join(f"U+{cp:04X}" for cp in only_theirs if cp in assigned)[:400]
                + ")"
                if only_theirs
                else ""
            ),
            file=sys.stderr,
        )

    compare_set("VS16 narrow-to-wide", tables.vs16_narrow_to_wide, table_vs16.VS16_NARROW_TO_WIDE["9.0.0"])
    compare_set("Mc", tables.spacing_marks, table_mc.CATEGORY_MC[wc_unicode])
    compare_set("Extended_Pictographic", tables.emoji_modifier_bases - REGIONAL_INDICATORS,
                table_grapheme.EXTENDED_PICTOGRAPHIC)
    compare_set("Indic consonants", tables.indic_consonants, table_grapheme.ISC_CONSONANT)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ucd", nargs="?", default="/usr/share/unicode", help="UCD folder")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Swift file to write")
    parser.add_argument(
        "--compare-wcwidth",
        action="store_true",
        help="report differences with the installed Python wcwidth package",
    )
    args = parser.parse_args()

    tables = Tables(Path(args.ucd))
    output = render(tables)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(output, encoding="utf-8")
    print(
        f"wrote {args.output} (Unicode {tables.unicode_version}: {len(tables.width_ranges())} width ranges, "
        f"{len(tables.zero)} zero-width and {len(tables.wide)} wide code points)",
        file=sys.stderr,
    )
    if tables.emoji_presentation_not_east_asian_wide:
        print(
            "note: Emoji_Presentation code points that are not East_Asian_Width W/F: "
            + ", ".join(f"U+{cp:04X}" for cp in sorted(tables.emoji_presentation_not_east_asian_wide)),
            file=sys.stderr,
        )
    if args.compare_wcwidth:
        compare_with_wcwidth(tables)
    return 0


if __name__ == "__main__":
    sys.exit(main())
