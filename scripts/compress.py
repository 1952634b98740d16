"""Writes .br (brotli -q 11) and .gz (gzip -9) beside every compressible file of a folder, as
scripts/bundle.py does for the web bundle. Usage: compress.py DIR"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundle import COMPRESSIBLE, compress  # noqa: E402

for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        if os.path.splitext(name)[1] in COMPRESSIBLE:
            compress(os.path.join(root, name))
