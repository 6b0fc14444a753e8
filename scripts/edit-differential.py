#!/usr/bin/env python3
"""A build after edits must write what a full build writes, through the real binary.

For each vault, a copy is edited round after round (one to three notes a round: a line added or
deleted, words added, a heading added, a long paragraph added), and after each round the copy is
built twice: into one output folder with a build cache (a build after an edit) and afresh with
--no-cache. The two sites must be the same files with the same bytes, and the exit codes the
same. The vaults: Notes/, a fixture, a generated vault of 400 notes (large enough that a small edit
keeps most search levels, small enough that a large one scores them again: docs/internals.md), and
the shared real vaults when ../shared is beside the repository (each skipped by name otherwise).

Usage: TRELLIS=.build/release/trellis scripts/edit-differential.py [ROUNDS]
"""
import filecmp
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRELLIS = os.path.abspath(os.environ.get("TRELLIS", os.path.join(ROOT, ".build/release/trellis")))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 12
WORDS = "cache consensus raft latency shard replica quorum index search tree graph edited".split()


def edit(path, rng, small):
    with open(path, encoding="utf-8", errors="surrogateescape") as file:
        lines = file.read().split("\n")
    kinds = ["append", "append", "words"] if small else ["append", "append", "delete", "words", "heading", "paragraph"]
    kind = rng.choice(kinds)
    if kind == "append":
        lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))) + f" {rng.randint(0, 999)}.")
    elif kind == "delete" and len(lines) > 3:
        start = rng.randrange(len(lines))
        del lines[start:start + rng.randint(1, 3)]
    elif kind == "words" and len(lines) > 1:
        lines[rng.randrange(len(lines))] += " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    elif kind == "heading":
        lines.append(f"\n## {rng.choice(WORDS).title()} {rng.randint(0, 99)}\n\nText under it, {rng.choice(WORDS)}.")
    else:
        lines.append("\n" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 200))))
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as file:
        file.write("\n".join(lines))


def differences(left, right):
    """Paths whose files differ or are in one site only (the manifest aside: it is the writer's)."""
    found = []

    def walk(comparison, prefix):
        for name in comparison.left_only + comparison.right_only + comparison.funny_files:
            found.append(prefix + name)
        (_, mismatch, errors) = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right, ignore=[".trellis-manifest"]), "")
    return found


def build(vault, output, *options):
    return subprocess.run([TRELLIS, "build", vault, "--output", output, "--quiet", *options], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def check(name, source, work, seed, rounds=ROUNDS, small=False):
    """`small`: only a few words added at a time, so that the field averages creep (by less than
    the 0.1% after which every search level is scored again) and levels kept for a margin are put
    to the test."""
    rng = random.Random(seed)
    vault = os.path.join(work, name, "vault")
    shutil.copytree(source, vault, symlinks=True)
    notes = sorted(os.path.join(folder, file) for folder, _, files in os.walk(vault)
                   for file in files if file.endswith(".md"))
    edited, fresh, cache = (os.path.join(work, name, part) for part in ("edited", "fresh", "cache"))
    build(vault, edited, "--cache-dir", cache)
    problems = 0
    for round_number in range(rounds):
        for path in rng.sample(notes, min(len(notes), rng.randint(1, 3))):
            edit(path, rng, small)
        after_edit = build(vault, edited, "--cache-dir", cache)
        shutil.rmtree(fresh, ignore_errors=True)
        afresh = build(vault, fresh, "--no-cache")
        differing = differences(edited, fresh)
        if after_edit != afresh or differing:
            problems += 1
            print(f"FAIL - {name}, round {round_number}: exit {after_edit} after the edit, {afresh} afresh; "
                  f"differing: {differing[:10]}")
    if problems == 0:
        print(f"ok   - {name}: {rounds} rounds of edits, each build after them the same as a full build")
    return problems


def main():
    work = tempfile.mkdtemp()
    try:
        generated = os.path.join(work, "generated-400")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate-vault.py"), "400", generated],
                       check=True, stdout=subprocess.DEVNULL)
        vaults = [("Notes", os.path.join(ROOT, "Notes")), ("basic", os.path.join(ROOT, "Tests/Fixtures/basic")),
                  ("generated-400", generated)]
        for shared in ("vaults/real/foam-docs", "vaults/real/quartz-docs"):
            path = os.path.join(ROOT, "..", "shared", shared)
            if os.path.isdir(path):
                vaults.append((os.path.basename(shared), path))
            else:
                print(f"skip - ../shared/{shared}: ../shared is not beside the repository")
        failing = [name for seed, (name, path) in enumerate(vaults) if check(name, path, work, seed) > 0]
        if check("generated-400, small edits", generated, work, 99, rounds=3 * ROUNDS, small=True) > 0:
            failing.append("generated-400, small edits")
        print(f"edit-differential: {len(vaults) + 1 - len(failing)} passed, {len(failing)} failed")
        return 1 if failing else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
