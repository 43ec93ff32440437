"""A real SMTP server for the outbound tests (Debian's python3-aiosmtpd): a relay that takes a login only over TLS,
or an MX that offers STARTTLS. Each message it accepts is written to OUT as N.eml, with N.json saying over which TLS
version the message came and the login came (null: in clear). Prints "ready" once listening.

usage: smtp-relay.py PORT MODE CERT KEY OUT [USER PASSWORD]
  MODE starttls: STARTTLS required before anything else; implicit: TLS from the first byte; offer: STARTTLS offered,
  not required (an MX). With USER and PASSWORD, a login is required, and refused unless the connection is TLS.
"""
import json
import pathlib
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

port, mode, cert, key, out = sys.argv[1:6]
credentials = tuple(sys.argv[6:8]) if len(sys.argv) > 7 else None
out = pathlib.Path(out)
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
lock = threading.Lock()


def tls_version(server):
    ssl_object = server.transport.get_extra_info("ssl_object")
    return ssl_object.version() if ssl_object else None


class Authenticator:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        over = tls_version(server)
        login = (auth_data.login.decode(), auth_data.password.decode())
        success = over is not None and login == credentials
        if success:
            session.relay_login = (login[0], over)
        return AuthResult(success=success)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        with lock:
            n = len(list(out.glob("*.eml")))
            (out / ("%d.eml" % n)).write_bytes(envelope.original_content)
            (out / ("%d.json" % n)).write_text(json.dumps({
                "tls": tls_version(server),
                "login": getattr(session, "relay_login", (None, None))[0],
                "login_tls": getattr(session, "relay_login", (None, None))[1],
                "mail_from": envelope.mail_from,
                "rcpt_to": envelope.rcpt_tos}))
        return "250 OK"


options = dict(server_hostname="relay.test", data_size_limit=None)
if credentials:
    options.update(authenticator=Authenticator(), auth_required=True)
if mode == "implicit":
    # The whole connection is TLS; aiosmtpd's own check knows only STARTTLS, ours (Authenticator) knows both.
    options.update(auth_require_tls=False)
    controller = Controller(Handler(), hostname="127.0.0.1", port=int(port), ssl_context=context, **options)
else:
    controller = Controller(Handler(), hostname="127.0.0.1", port=int(port), tls_context=context,
                            require_starttls=(mode == "starttls"), **options)
controller.start()
print("ready", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
