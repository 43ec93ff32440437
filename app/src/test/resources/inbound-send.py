# An outside mail server for the inbound authentication tests: signs a message (read on stdin) with Debian's
# python3-dkim when given a key, optionally tampers with its body afterwards, and sends it with smtplib.
# Prints the server's answer to the whole transaction: "250 ..." or the refusal's code and text.
import smtplib
import sys

import dkim

host, port, helo, mail_from, rcpt, key_file, selector, domain, tamper = sys.argv[1:10]
message = sys.stdin.buffer.read()
if key_file:
    with open(key_file, "rb") as key:
        signature = dkim.sign(message, selector.encode(), domain.encode(), key.read(),
                              include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    message = signature + message
if tamper == "tamper":
    message = message.replace(b"The original text.", b"A forged text.")
try:
    with smtplib.SMTP(host, int(port), local_hostname=helo, timeout=30) as smtp:
        smtp.sendmail(mail_from, [rcpt], message)
    print("250 accepted")
except smtplib.SMTPDataError as refused:
    print(refused.smtp_code, refused.smtp_error.decode(errors="replace"))
