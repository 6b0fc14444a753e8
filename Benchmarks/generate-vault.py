#!/usr/bin/env python3
"""Writes a deterministic vault of N realistic notes, for benchmarks.

usage: generate-vault.py N OUTPUT_DIR [--seed S]

Each note is about 2 KB: frontmatter (title, tags, aliases, date), headings, paragraphs with
emphasis and inline code, nested lists, a code block, [[wiki links]] to other notes (some with
aliases, headings and labels), and about 2% dangling links. Notes live in ~N/100 folders.
The same N and seed always give the same bytes.
"""
import os
import random
import sys

WORDS = ("cache queue shard replica leader follower quorum latency throughput partition index "
         "consensus gossip snapshot compaction backoff retry timeout circuit breaker token bucket "
         "window stream batch log offset commit rollback isolation snapshot vector clock lamport "
         "hash ring node cluster region zone failover heartbeat lease lock mutex semaphore "
         "protocol packet socket buffer kernel thread process scheduler memory page disk block").split()
TOPICS = ["Caching", "Queues", "Storage", "Networking", "Consensus", "Scaling", "Reliability", "Security"]


def title_of(i):
    return f"{TOPICS[i % len(TOPICS)]} note {i:06d}"


def sentence(rng, n=None):
    n = n or rng.randint(8, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    k = rng.randrange(len(words))
    words[k] = f"*{words[k]}*"
    if rng.random() < 0.3:
        k = rng.randrange(len(words))
        words[k] = f"`{words[k]}`"
    return " ".join(words).capitalize() + "."


def link(rng, i, n):
    j = rng.randrange(n)
    r = rng.random()
    if r < 0.02:
        return f"[[Missing topic {rng.randrange(1000)}]]"
    if r < 0.12:
        return f"[[{title_of(j)}#Details]]"
    if r < 0.22:
        return f"[[{title_of(j)}|see this]]"
    if r < 0.27:
        return f"[[alias-{j:06d}]]"
    return f"[[{title_of(j)}]]"


def note(i, n, rng):
    lines = ["---", f"title: {title_of(i)}", f"tags: [{TOPICS[i % len(TOPICS)].lower()}, bench]",
             f"aliases: [alias-{i:06d}]", f"date: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "---",
             f"# {title_of(i)}", "", " ".join(sentence(rng) for _ in range(3)) + f" See {link(rng, i, n)}.", "",
             "## Details", "", " ".join(sentence(rng) for _ in range(4)), ""]
    for _ in range(4):
        lines.append(f"- {sentence(rng, 6)} {link(rng, i, n)}")
        if rng.random() < 0.5:
            lines.append(f"    - {sentence(rng, 5)}")
    lines += ["", "## Example", "", "```python", f"def step_{i}(x):", "    return x * 2  # [[not a link]]", "```", "",
              "### Notes", "", " ".join(sentence(rng) for _ in range(4)) + f" Also {link(rng, i, n)}.", ""]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    n, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    folders = max(1, n // 100)
    for i in range(n):
        folder = os.path.join(out, TOPICS[i % len(TOPICS)], f"group-{(i // 8) % folders:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, title_of(i) + ".md"), "w", encoding="utf-8") as f:
            f.write(note(i, n, rng))
    return 0


if __name__ == "__main__":
    sys.exit(main())
