#!/usr/bin/python3
"""Verify every DKIM-Signature of a message with dkimpy, without DNS.

usage: verify_dkim.py MESSAGE_FILE DNS_RECORDS_FILE

DNS_RECORDS_FILE: one record per line, either "name value..." (value taken verbatim) or a
zone-file style line "name. IN TXT \"part1\" \"part2\"". Lines starting with # are ignored.
Prints one line per signature ("signature N: PASS|FAIL ...") and exits 0 when all pass,
1 when one fails, 3 when there is no signature, 4 when the dkim module is missing.
"""
import re
import sys

try:
    import dkim
except ImportError as e:  # pragma: no cover
    print("DKIMPY_MISSING: cannot import dkim (%s); install Debian package python3-dkim" % e)
    sys.exit(4)


def load_records(path):
    records = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, value = line.split(None, 1)
            m = re.match(r'^(?:\d+\s+)?(?:IN\s+)?TXT\s+(.*)$', value)
            if m:
                value = "".join(re.findall(r'"([^"]*)"', m.group(1)))
            records[name.rstrip(".").lower()] = value.encode("ascii")
    return records


def main():
    with open(sys.argv[1], "rb") as f:
        message = f.read()
    records = load_records(sys.argv[2])

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("ascii")
        return records.get(name.rstrip(".").lower())

    headers, _ = dkim.rfc822_parse(message)
    count = sum(1 for h in headers if h[0].lower() == b"dkim-signature")
    if count == 0:
        print("NO_SIGNATURE")
        return 3
    all_ok = True
    for i in range(count):
        d = dkim.DKIM(message, minkey=1024)
        detail = ""
        try:
            ok = d.verify(idx=i, dnsfunc=dnsfunc)
        except Exception as e:  # dkimpy raises on malformed signatures
            ok = False
            detail = " error=%s" % e
        fields = d.signature_fields or {}
        print("signature %d: %s d=%s s=%s a=%s%s" % (
            i, "PASS" if ok else "FAIL",
            fields.get(b"d", b"?").decode(), fields.get(b"s", b"?").decode(),
            fields.get(b"a", b"?").decode(), detail))
        all_ok = all_ok and ok
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
