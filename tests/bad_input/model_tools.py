"""Damages themes model files for tests/bad_input_test.sh.

  model_tools.py cut   IN OUT FRACTION     keep the first FRACTION of the bytes
  model_tools.py flip  IN OUT FRACTION     flip bit 0x20 of the byte at FRACTION
  model_tools.py sub   IN OUT OLD NEW      replace the line OLD by NEW, re-sign
  model_tools.py drop  IN OUT LINE         drop line LINE (1-based), re-sign
  model_tools.py fuzz  IN DIR N SEED       N copies with one random bit flipped
                                           each, re-signed (so the parser, not
                                           the checksum, must catch them)

Re-signing recomputes the trailing "checksum %016x" line: FNV-1a 64 over
every byte before the "checksum " line (pipeline/model.c, util.c).
"""
import random
import sys


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xffffffffffffffff
    return h


def resign(data):
    i = data.rfind(b"\nchecksum ")
    body = data[:i + 1] if i >= 0 else data
    return body + b"checksum %016x\n" % fnv1a(body)


def main(argv):
    op, src = argv[1], argv[2]
    data = open(src, "rb").read()
    if op == "cut":
        out = data[:int(len(data) * float(argv[4]))]
    elif op == "flip":
        out = bytearray(data)
        out[min(int(len(data) * float(argv[4])), len(data) - 1)] ^= 0x20
        out = bytes(out)
    elif op == "sub":
        lines = data.split(b"\n")
        old, new = argv[4].encode(), argv[5].encode()
        if old not in lines:
            sys.exit("model_tools: no line %r" % argv[4])
        out = resign(b"\n".join(new if l == old else l for l in lines))
    elif op == "drop":
        lines = data.split(b"\n")
        del lines[int(argv[4]) - 1]
        out = resign(b"\n".join(lines))
    elif op == "fuzz":
        rng = random.Random(int(argv[5]))
        end = data.rfind(b"\nchecksum ")
        for k in range(int(argv[4])):
            d = bytearray(data)
            d[rng.randrange(end)] ^= 1 << rng.randrange(8)
            open("%s/fuzz%03d.model" % (argv[3], k), "wb").write(resign(bytes(d)))
        return
    else:
        sys.exit("model_tools: unknown operation " + op)
    open(argv[3], "wb").write(out)


main(sys.argv)
