# An independent DKIM verifier for the tests: Debian's python3-dkim (dkimpy), looking keys up with python3-dnspython
# on the test's loopback DNS server. Reads a message on stdin; exit 0 and "pass" when every signature verifies.
import sys

import dkim
import dns.message
import dns.query

port = int(sys.argv[1])


def txt(name, timeout=5):
    name = name.decode() if isinstance(name, bytes) else name
    answer = dns.query.udp(dns.message.make_query(name, "TXT"), "127.0.0.1", port=port, timeout=timeout)
    for rrset in answer.answer:
        for record in rrset:
            return b"".join(record.strings)
    return None


message = sys.stdin.buffer.read()
signatures = message.count(b"DKIM-Signature:")
verifier = dkim.DKIM(message)
verified = signatures > 0 and all(verifier.verify(idx=i, dnsfunc=txt) for i in range(signatures))
print("pass" if verified else "fail")
sys.exit(0 if verified else 1)
