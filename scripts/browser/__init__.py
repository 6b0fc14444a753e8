"""The browser checks of scripts/browser-check.py and scripts/hostile-browser-check.py, on Playwright."""
