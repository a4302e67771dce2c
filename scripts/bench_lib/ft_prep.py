#!/usr/bin/env python3
"""fastText input: ft_prep.py IN OUT [--labelled]

--labelled: IN is a labelled CSV; writes `__label__THEME text` lines.
Otherwise IN is a CSV with a text column or plain text; writes one
normalised clause per line.  Both use common.ft_normalize.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ft_normalize, read_labelled, read_texts  # noqa: E402

src, dst = sys.argv[1], sys.argv[2]
with open(dst, "w", encoding="utf-8") as out:
    if "--labelled" in sys.argv[3:]:
        for _, text, theme in read_labelled(src):
            out.write(f"__label__{theme} {ft_normalize(text)}\n")
    else:
        for text in read_texts(src):
            out.write(ft_normalize(text) + "\n")
