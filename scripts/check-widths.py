#!/usr/bin/env python3
"""Check that the box diagrams in Markdown files have lines of equal display width.

For every fenced code block (``` or ~~~) of each FILE, the lines whose first character is one of
the box characters (default: ┌ │ ├ └ + |) are measured with the Python `wcwidth` package
(`wcwidth.width()`), and each must be as wide as the first such line of its block. With
--width, the blocks must also have the given widths.

Only blocks with a box corner (a line starting with ┌ or +) are checked, so that file trees
drawn with ├── and └── are not taken for diagrams; --all-blocks checks every block.

Usage:
    scripts/check-widths.py FILE [FILE ...] [--equal] [--width N [--width N ...]] [--all-blocks] [--require]

    --equal      every box line of a block is as wide as the block's first box line (the default
                 check, always on; the flag exists to make the intent explicit in scripts)
    --width N    expected width; given once, every block must be N columns wide; given several
                 times, the k-th diagram block (counting over all files, in order) must be the
                 k-th width, and the number of blocks must match
    --chars S    characters that mark a box line when they start it (default "┌│├└+|")
    --all-blocks also check blocks without a box corner (┌ or + at the start of a line)
    --require    fail when no box line is found

Exit status: 0 when every box line is fine, printing "N lines checked, all W columns"
(or the widths per block when blocks differ); 1 when a line is off, printing each offending
line as FILE:LINE; 2 on usage errors or a missing wcwidth package. FILE "-" reads stdin.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field

try:
    import wcwidth
except ImportError:  # pragma: no cover - depends on the machine
    print("check-widths: the Python package 'wcwidth' is required (pip install wcwidth)", file=sys.stderr)
    sys.exit(2)

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")


@dataclass
class Block:
    path: str
    start: int  # line number of the opening fence
    lines: list[tuple[int, str, int]] = field(default_factory=list)  # (line number, text, width)


def diagram_blocks(path: str, text: str, box_chars: str) -> list[Block]:
    """Fenced code blocks of `text` that contain box lines, with those lines measured."""
    blocks: list[Block] = []
    fence: str | None = None
    current: Block | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if fence is None:
            match = FENCE.match(line)
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                fence = match.group(2)
                current = Block(path, number)
            continue
        stripped = line.strip()
        if stripped.startswith(fence[0]) and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            if current is not None and current.lines:
                blocks.append(current)
            fence = None
            current = None
            continue
        if current is not None and line[:1] and line[0] in box_chars:
            current.lines.append((number, line, wcwidth.width(line)))
    if current is not None and current.lines:  # unclosed fence: the block runs to the end
        blocks.append(current)
    return blocks


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Check that box diagram lines in fenced code blocks have equal display width."
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help='Markdown file, or "-" for stdin')
    parser.add_argument("--equal", action="store_true", help="lines of a block have equal width (default)")
    parser.add_argument("--width", type=int, action="append", default=[], metavar="N", help="expected width")
    parser.add_argument("--chars", default="┌│├└+|", help="characters that start a box line")
    parser.add_argument("--all-blocks", action="store_true", help="also check blocks without a box corner")
    parser.add_argument("--require", action="store_true", help="fail when no box line is found")
    args = parser.parse_args()

    blocks: list[Block] = []
    for path in args.files:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            print(f"check-widths: {path}: {error}", file=sys.stderr)
            return 2
        blocks += diagram_blocks("<stdin>" if path == "-" else path, text, args.chars)

    if not args.all_blocks:
        diagrams = []
        for block in blocks:
            if any(line[:1] in ("┌", "+") for _, line, _ in block.lines):
                diagrams.append(block)
            else:
                print(f"{block.path}:{block.start}: skipped, no box corner (┌ or +) in the block", file=sys.stderr)
        blocks = diagrams

    if len(args.width) > 1 and len(args.width) != len(blocks):
        print(
            f"check-widths: {len(args.width)} widths given for {len(blocks)} diagram blocks",
            file=sys.stderr,
        )
        return 1

    checked = 0
    failures = 0
    widths: list[int] = []
    for index, block in enumerate(blocks):
        first_number, _, first_width = block.lines[0]
        if args.width:
            expected = args.width[0] if len(args.width) == 1 else args.width[index]
            reference = f"expected {expected}"
        else:
            expected = first_width
            reference = f"line {first_number} has {first_width}"
        widths.append(expected)
        for number, line, width in block.lines:
            checked += 1
            if width != expected:
                failures += 1
                print(f"{block.path}:{number}: width {width}, {reference} (block at line {block.start}): {line}")

    if failures:
        print(f"{failures} of {checked} lines have the wrong width", file=sys.stderr)
        return 1
    if checked == 0:
        print("0 lines checked, no box diagram found")
        return 1 if args.require else 0
    distinct = sorted(set(widths))
    if len(distinct) == 1:
        print(f"{checked} lines checked, all {distinct[0]} columns")
    else:
        print(
            f"{checked} lines checked in {len(blocks)} blocks, each block uniform "
            f"(widths: {', '.join(str(width) for width in distinct)} columns)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
