"""Runs the unittest modules of one folder and writes {"passed": N, "failed": N} to a file, so
serve.py can add them to the one summary line. Run with /usr/bin/python3 (Debian's modules).

Usage: run_python_suite.py FOLDER RESULT.json [PATTERN]
"""
import json
import os
import sys
import unittest


def main() -> int:
    folder, out = sys.argv[1], sys.argv[2]
    pattern = sys.argv[3] if len(sys.argv) > 3 else "test_*.py"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, os.path.join(root, folder))
    suite = unittest.defaultTestLoader.discover(os.path.join(root, folder), pattern=pattern,
                                                top_level_dir=os.path.join(root, folder))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"passed": passed, "failed": failed, "skipped": len(result.skipped)}, f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
