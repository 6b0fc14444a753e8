#!/usr/bin/env python3
"""Copies a vault, turning a share of its wiki links into dangling ones, for benchmarks.

usage: dangle-links.py SOURCE_VAULT OUTPUT_DIR [--share 0.28] [--seed 1]

Each [[link]] outside fenced code is rewritten with probability SHARE: half become a one-letter
typo of their target (what "did you mean" is for), half a name no note has. Headings and labels
(`#...`, `|...`) are kept. With the ~2-3% the generators already leave dangling, the default
share gives about 30% dangling links. The same input, share and seed always give the same bytes.
"""
import os
import random
import re
import shutil
import sys

LINK = re.compile(r"\[\[([^\]|#]+)([^\]]*)\]\]")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo(rng, name, names):
    for _ in range(20):
        i = rng.randrange(1, len(name)) if len(name) > 1 else 0
        kind = rng.randrange(3)
        if kind == 0:
            out = name[:i] + rng.choice(LETTERS) + name[i + 1:]
        elif kind == 1:
            out = name[:i] + name[i + 1:]
        else:
            out = name[:i] + rng.choice(LETTERS) + name[i:]
        if out.lower() not in names and out.strip():
            return out
    return name + " (draft)"


def rewrite(text, rng, share, names, words, counts):
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced:
            def swap(match):
                counts[0] += 1
                if rng.random() >= share:
                    return match.group(0)
                counts[1] += 1
                target = match.group(1)
                if rng.random() < 0.5:
                    new = typo(rng, target, names)
                else:
                    new = f"{rng.choice(words).capitalize()} {rng.choice(words)} unwritten {rng.randrange(1000)}"
                return f"[[{new}{match.group(2)}]]"
            line = LINK.sub(swap, line)
        out.append(line)
    return "\n".join(out)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    source, output = sys.argv[1], sys.argv[2]
    share = float(sys.argv[sys.argv.index("--share") + 1]) if "--share" in sys.argv else 0.28
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    paths = sorted(os.path.relpath(os.path.join(d, f), source)
                   for d, _, files in os.walk(source) for f in files if f.endswith(".md"))
    names = {os.path.basename(p)[:-3].lower() for p in paths}
    words = sorted({w for n in names for w in n.split() if w.isalpha()}) or ["note"]
    if os.path.exists(output):
        shutil.rmtree(output)
    counts = [0, 0]
    for path in paths:
        os.makedirs(os.path.join(output, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(source, path), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(output, path), "w", encoding="utf-8", newline="\n") as f:
            f.write(rewrite(text, rng, share, names, words, counts))
    print(f"{output}: {len(paths)} notes, {counts[1]} of {counts[0]} wiki links made dangling")
    return 0


if __name__ == "__main__":
    sys.exit(main())
