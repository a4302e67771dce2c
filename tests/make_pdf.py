#!/usr/bin/env python3
# make_pdf.py image|encrypted|dash: writes to stdout a one-page PDF for
# document_test.sh: without text (a filled square); "encrypted" adds an
# /Encrypt dictionary whose empty-password check fails; "dash" holds three
# lines of Helvetica text, the middle one a lone "-".
import sys
DASH_LINES = [b"Both sides met in the capital.", b"-", b"They agreed to meet again."]
def pdf(kind):
    encrypt = kind == "encrypted"
    content = b"0 0 1 rg 20 20 100 100 re f"
    resources = b""
    if kind == "dash":
        content = b"BT /F1 10 Tf 12 TL 20 150 Td " + \
            b" T* ".join(b"(%s) Tj" % line for line in DASH_LINES) + b" ET"
        resources = b" /Resources << /Font << /F1 5 0 R >> >>"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R" +
            resources + b" >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    if kind == "dash":
        objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if encrypt:
        trailer += b" /Encrypt 5 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out
sys.stdout.buffer.write(pdf(sys.argv[1]))
