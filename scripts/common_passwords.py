"""Writes the most frequent real passwords, one per line, lower case, for the password rules.

Source: python3-zxcvbn's frequency lists (Debian), ranked by frequency. Run with /usr/bin/python3.
Usage: common_passwords.py OUTPUT [COUNT]
"""
import os
import sys

from zxcvbn.frequency_lists import FREQUENCY_LISTS


def main() -> int:
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 30000
    words = []
    seen = set()
    for word in FREQUENCY_LISTS["passwords"]:
        w = word.strip().lower()
        if w and w not in seen:
            seen.add(w)
            words.append(w)
        if len(words) >= count:
            break
    if len(words) < 10000:
        print(f"only {len(words)} common passwords found; at least 10000 are needed", file=sys.stderr)
        return 1
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
