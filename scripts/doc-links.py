#!/usr/bin/env python3
"""Every relative link in README.md and docs/*.md names a file or folder that exists.

Run from anywhere; exits 1 and lists the broken links when there are any."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
pages = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
link = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
broken = []
checked = 0
for page in pages:
    text = page.read_text(encoding="utf-8")
    # Code blocks and spans show syntax, not links.
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    for target in link.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        checked += 1
        if not (page.parent / path).exists():
            broken.append(f"{page.relative_to(root)}: {target}")
for line in broken:
    print(f"FAIL - {line}: no such file")
print(f"doc links: {checked - len(broken)} passed, {len(broken)} failed")
sys.exit(1 if broken else 0)
