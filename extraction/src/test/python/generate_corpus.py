#!/usr/bin/env python3
"""Writes the unseen-mail corpus: src/test/resources/unseen/*.eml and manifest.json.

Deterministic (every choice comes from a generator seeded by the mail's name), so running it again writes the same
bytes. Usage, from extraction/: python3 src/test/python/generate_corpus.py

The mails are MIME as senders write it: table layouts with inline CSS, preheaders, hidden text, one element per
digit, letter-spacing, entities, footers with addresses and years, quoted-printable and base64, in 27 languages.
The manifest records for each mail its expected code and link, its category and its split: a mail is held out
when the first byte of the SHA-1 of its name is divisible by 3, about a third of each category.
"""
import hashlib
import html as htmlescape
import json
import os
import random
import sys
from email.message import EmailMessage
from email.policy import SMTP, default

sys.path.insert(0, os.path.dirname(__file__))
from languages import ADDRESSES, LANGUAGES  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "unseen")
BRANDS = ["Nimbus", "Quillpad", "Orbitly", "Tandem", "Lumora", "Fernway", "Cobalt Pay", "Brightdesk", "Vantor",
          "Pixelgrove", "Helio", "Marlin Bank", "Kestrel", "Zephyr Cloud", "Juniper", "Atlas ID", "Rivet", "Solace",
          "Cinder", "Mosaic", "Northwind", "Parcelly", "Tessel", "Umbra Games", "Wavelet"]
LANG_CODES = list(LANGUAGES)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LETTERS = "BCDFGHJKLMNPQRSTVWXZ"

manifest = []


def rng_for(name):
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest(), 16))


def held_out(name):
    return hashlib.sha1(name.encode()).digest()[0] % 3 == 0


def slug(brand):
    return brand.lower().replace(" ", "")


# ---------------------------------------------------------------- codes

def make_code(r, shape):
    if shape == "digits":
        return "".join(r.choice("0123456789") for _ in range(r.choice([6, 6, 6, 6, 4, 5, 7, 8])))
    if shape == "digits6":
        return "".join(r.choice("0123456789") for _ in range(6))
    if shape == "leadzero":
        return "0" + "".join(r.choice("0123456789") for _ in range(5))
    if shape == "alnum":
        while True:
            code = "".join(r.choice(ALNUM) for _ in range(r.choice([6, 8])))
            if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
                return code
    if shape == "alnum-dash":
        while True:
            a = "".join(r.choice(ALNUM) for _ in range(r.choice([3, 4])))
            b = "".join(r.choice(ALNUM) for _ in range(len(a)))
            if any(c.isdigit() for c in a + b) and any(c.isalpha() for c in a + b):
                return a + "-" + b
    if shape == "device":  # TV/device pairing: letters only, two groups of four
        return "".join(r.choice(LETTERS) for _ in range(4)) + "-" + "".join(r.choice(LETTERS) for _ in range(4))
    raise ValueError(shape)


def expected_code(code):
    return code.replace("-", "").replace(" ", "")


def grouped(code, r):
    if len(code) == 6:
        return r.choice([code[:3] + " " + code[3:], code[:3] + "-" + code[3:], code[:2] + " " + code[2:4] + " " + code[4:]])
    if len(code) == 8:
        return r.choice([code[:4] + " " + code[4:], code[:4] + "-" + code[4:]])
    return code


FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif"


def code_html(code, style, r):
    """The code as the sender's HTML shows it; style names one of the ways senders lay codes out."""
    e = htmlescape.escape
    if style == "block":
        return (f'<table role="presentation" cellpadding="0" cellspacing="0" align="center"><tr><td style="background:#f4f4f7;'
                f'border-radius:6px;padding:16px 28px;font-size:32px;font-weight:700;letter-spacing:{r.choice([4, 6, 8])}px;'
                f'{FONT};color:#111">{e(code)}</td></tr></table>')
    if style == "grouped":
        return (f'<div style="font-size:30px;font-weight:bold;letter-spacing:3px;text-align:center;margin:24px 0;'
                f'font-family:Menlo,Consolas,monospace">{e(grouped(code, r))}</div>')
    if style == "cells":
        cells = "".join(f'<td style="border:1px solid #d0d5dd;border-radius:8px;width:44px;height:56px;text-align:center;'
                        f'font-size:28px;font-weight:600;{FONT}">{e(c)}</td>' for c in code.replace("-", ""))
        return f'<table role="presentation" cellpadding="0" cellspacing="8" align="center"><tr>\n{cells}\n</tr></table>'
    if style == "spans":
        spans = "".join(f'<span style="display:inline-block;font-size:30px;line-height:48px;width:40px;margin:0 4px;'
                        f'background:#eef2ff;border-radius:4px;text-align:center;color:#1e1b4b">{e(c)}</span>'
                        for c in code.replace("-", ""))
        return f'<div style="font-size:0;text-align:center;padding:12px 0">{spans}</div>'
    if style == "spaced":
        return (f'<p style="font-size:28px;letter-spacing:10px;text-align:center;font-weight:bold;margin:20px 0">'
                f'{" ".join(code.replace("-", ""))}</p>')
    if style == "entities":
        return (f'<p style="font-size:26px;font-weight:bold;text-align:center;letter-spacing:5px">'
                f'{"".join(f"&#{ord(c)};" for c in code)}</p>')
    if style == "zwnj":
        return (f'<p style="font-size:26px;font-weight:bold;text-align:center">'
                f'{"&zwnj;".join(code)}</p>')
    if style == "codetag":
        return f'<p style="margin:16px 0"><code style="font-size:22px;background:#f6f8fa;padding:8px 12px;border-radius:6px">{e(code)}</code></p>'
    if style == "heading":
        return f'<h1 style="font-size:36px;margin:24px 0;{FONT};letter-spacing:2px">{e(code)}</h1>'
    raise ValueError(style)


# ---------------------------------------------------------------- layouts

def preheader(text):
    return (f'<span class="preheader" style="display:none !important;visibility:hidden;mso-hide:all;font-size:1px;'
            f'line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;color:transparent">{htmlescape.escape(text)}'
            + "&zwnj;&nbsp;" * 30 + "</span>")


def footer_html(brand, lang, r, links):
    p = LANGUAGES[lang]
    address = r.choice(ADDRESSES).format(brand=brand)
    year = r.choice([2024, 2025, 2026])
    parts = " &middot; ".join(f'<a href="{htmlescape.escape(u)}" style="color:#8a8a8a">{htmlescape.escape(t)}</a>' for t, u in links)
    return (f'<tr><td style="padding:24px 32px;font-size:12px;line-height:18px;color:#8a8a8a;{FONT};text-align:center">'
            f'{htmlescape.escape(p["reason"].format(brand=brand))}<br>{parts}<br>&copy; {year} {htmlescape.escape(address)}</td></tr>')


def layout(kind, brand, lang, pre, rows, footer, r, tracking_pixel=None):
    """Wraps body rows (HTML fragments) in one of several sender layouts."""
    s = slug(brand)
    logo = (f'<a href="https://www.{s}.example.com/?utm_source=email&amp;utm_medium=transactional">'
            f'<img src="https://cdn.{s}.example.com/email/logo@2x.png" width="120" alt="{htmlescape.escape(brand)}" style="border:0"></a>')
    body = "\n".join(f'<tr><td style="padding:8px 32px;font-size:16px;line-height:24px;color:#333;{FONT}">{row}</td></tr>' for row in rows)
    pixel = f'<img src="{tracking_pixel}" width="1" height="1" alt="" style="display:block;border:0">' if tracking_pixel else ""
    pre_html = preheader(pre) if pre else ""
    dirattr = ' dir="rtl"' if lang in ("ar", "he") else ""
    if kind == "postmark":
        return (f'<!DOCTYPE html>\n<html lang="{lang}"{dirattr}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
                f'<title>{htmlescape.escape(brand)}</title><style>@media only screen and (max-width:600px){{.email-body_inner{{width:100% !important}}}}'
                f' .preheader{{display:none !important}}</style></head>\n<body style="margin:0;padding:0;background:#f2f4f6">{pre_html}\n'
                f'<table class="email-wrapper" width="100%" cellpadding="0" cellspacing="0" role="presentation"><tr><td align="center">\n'
                f'<table class="email-content" width="100%" cellpadding="0" cellspacing="0" role="presentation">\n'
                f'<tr><td class="email-masthead" style="padding:25px 0;text-align:center">{logo}</td></tr>\n'
                f'<tr><td class="email-body" width="570" style="background:#fff"><table class="email-body_inner" align="center" width="570" '
                f'cellpadding="0" cellspacing="0" role="presentation">\n{body}\n</table></td></tr>\n{footer}\n</table></td></tr></table>{pixel}</body></html>')
    if kind == "mso":
        return (f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
                f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"{dirattr}>'
                f'<head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->'
                f'<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n<body style="margin:0;background-color:#eeeeee">\n'
                f'<div style="display:none;font-size:1px;color:#eeeeee;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden">{htmlescape.escape(pre or "")}</div>\n'
                f'<center><!--[if mso]><table align="center" width="600"><tr><td><![endif]-->\n'
                f'<table width="600" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff">\n'
                f'<tr><td align="left" style="padding:20px 32px">{logo}</td></tr>\n{body}\n{footer}\n</table>\n'
                f'<!--[if mso]></td></tr></table><![endif]--></center>{pixel}</body></html>')
    if kind == "divs":
        rows_div = "\n".join(f'<div style="margin:0 0 16px;font-size:15px;line-height:1.6;color:#1f2328">{row}</div>' for row in rows)
        foot = footer.replace("<tr><td", "<div").replace("</td></tr>", "</div>")
        return (f'<html{dirattr}><head><meta name="color-scheme" content="light dark"></head><body>'
                f'<div style="display:none;max-height:0;overflow:hidden">{htmlescape.escape(pre or "")}</div>\n'
                f'<div style="max-width:480px;margin:0 auto;padding:32px 24px;{FONT}">\n<div style="margin-bottom:24px">{logo}</div>\n'
                f'{rows_div}\n<hr style="border:none;border-top:1px solid #e5e7eb;margin:32px 0">\n{foot}\n</div>{pixel}</body></html>')
    if kind == "plainish":  # a mail written in a rich editor: paragraphs, little styling
        rows_p = "\n".join(f"<p>{row}</p>" for row in rows)
        foot = footer.replace("<tr><td", "<p").replace("</td></tr>", "</p>")
        return f'<html><body{dirattr}>{pre_html}\n{rows_p}\n{foot}{pixel}</body></html>'
    raise ValueError(kind)


def button(text, url, color="#2563eb"):
    return (f'<table role="presentation" cellspacing="0" cellpadding="0" border="0" align="center" style="margin:24px auto"><tr>'
            f'<td style="border-radius:6px;background:{color}"><a href="{htmlescape.escape(url)}" target="_blank" '
            f'style="display:inline-block;padding:12px 28px;font-size:16px;color:#ffffff;text-decoration:none;font-weight:600">'
            f'{htmlescape.escape(text)}</a></td></tr></table>')


def footer_links(brand, lang, r, tracked=False):
    p = LANGUAGES[lang]
    s = slug(brand)
    token = "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24))
    if tracked:
        base = f"https://click.{s}-mail.example.com/ls/click?upn="
        return [(p["unsub"], base + token + "-unsub"), (p["privacy"], base + token + "-privacy"), (p["help"], base + token + "-help")]
    return [(p["unsub"], f"https://www.{s}.example.com/unsubscribe?u={token}"),
            (p["privacy"], f"https://www.{s}.example.com/legal/privacy"),
            (p["help"], f"https://help.{s}.example.com/")]


# ---------------------------------------------------------------- writing

def write(name, category, group, lang, subject, sender, text=None, html=None, code=None, link=None, r=None, extra_headers=()):
    r = r or rng_for(name)
    msg = EmailMessage(policy=default)
    brand = sender.split("<")[0].strip().strip('"')
    msg["From"] = sender
    msg["To"] = r.choice(["alex.kim@example.org", "agent-7f3a@agentmail.localhost", "maria.g@example.net", "j.doe@example.com"])
    msg["Subject"] = subject
    day = r.randint(1, 28)
    msg["Date"] = f"{DAYS[day % 7]}, {day} {MONTHS[r.randint(0, 11)]} 2026 {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0000"
    msg["Message-ID"] = f"<{hashlib.md5(name.encode()).hexdigest()[:20]}@mail.{slug(brand) or 'sender'}.example.com>"
    for key, value in extra_headers:
        msg[key] = value
    charset = "utf-8"
    if lang in ("de", "fr", "es", "it", "pt", "nl", "sv", "fi") and r.random() < 0.25:
        charset = "iso-8859-1" if lang != "fr" else "iso-8859-15"
    elif lang == "ja" and text is not None and html is None and r.random() < 0.5:
        charset = "iso-2022-jp"
    if charset != "utf-8":
        try:
            for part in (text, html):
                if part is not None:
                    part.encode(charset)
        except UnicodeEncodeError:
            charset = "utf-8"
    ctes = ["quoted-printable", "base64", "8bit", "quoted-printable"]

    def cte_for(body):  # 8bit allows lines of at most 998 octets
        cte = r.choice(ctes)
        return "quoted-printable" if cte == "8bit" and max(map(len, body.split("\n"))) > 900 else cte
    if text is not None and html is not None:
        msg.set_content(text, subtype="plain", charset=charset, cte=cte_for(text) if charset != "iso-2022-jp" else "7bit")
        msg.add_alternative(html, subtype="html", charset=charset, cte=cte_for(html))
        msg.set_boundary("----=_Part_" + hashlib.md5((name + "b").encode()).hexdigest()[:16])
    elif html is not None:
        msg.set_content(html, subtype="html", charset=charset, cte=cte_for(html))
    else:
        msg.set_content(text, subtype="plain", charset=charset, cte="7bit" if charset == "iso-2022-jp" else cte_for(text))
    policy = SMTP if r.random() < 0.5 else default
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(msg.as_bytes(policy=policy))
    manifest.append({"file": name + ".eml", "split": "heldout" if held_out(name) else "dev", "category": category,
                     "group": group, "language": lang, "code": code, "link": link})


def sender_of(brand, local="no-reply"):
    return f'{brand} <{local}@{slug(brand)}.example.com>'


# ---------------------------------------------------------------- positives: codes

CODE_STYLES = ["block", "grouped", "cells", "spans", "spaced", "entities", "zwnj", "codetag", "heading", "sentence"]
DISTRACTORS = ["none", "request", "support-phone", "hidden-id", "expiry-time", "account-masked"]


def distractor_lines(kind, brand, lang, r):
    """Numbers a code mail carries besides the code: request details, support phones, hidden ids, masked accounts."""
    ip = f"203.0.113.{r.randint(2, 250)}"
    if kind == "request":
        return [f"Request ID: {r.randint(10**7, 10**8 - 1)} · IP {ip} · {r.randint(1, 28)} {MONTHS[r.randint(0, 11)]} 2026, {r.randint(0, 23):02d}:{r.randint(0, 59):02d} UTC"]
    if kind == "support-phone":
        return [f"{LANGUAGES[lang]['help']}: +1 (800) {r.randint(200, 999)}-{r.randint(1000, 9999)} · +49 30 {r.randint(1000000, 9999999)}"]
    if kind == "hidden-id":
        return [f'<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">ref:_00D{r.randint(100000, 999999)}._500{r.randint(10**6, 10**7 - 1)}:ref {r.randint(100000, 999999)}</div>']
    if kind == "expiry-time":
        return [f"Valid until {r.randint(0, 23):02d}:{r.randint(0, 59):02d} UTC on {r.randint(1, 28)}/{r.randint(1, 12)}/2026."]
    if kind == "account-masked":
        return [f"Account: ****{r.randint(1000, 9999)}"]
    return []


def code_mail(n, lang, r):
    p = LANGUAGES[lang]
    brand = r.choice(BRANDS)
    shape = r.choices(["digits", "leadzero", "alnum", "alnum-dash", "device"], [70, 5, 10, 10, 5])[0]
    code = make_code(r, shape)
    style = r.choice(CODE_STYLES)
    if shape in ("alnum", "alnum-dash", "device") and style in ("spaced", "cells", "spans"):
        style = "block"
    purpose = r.choice(["verify", "login", "login", "reset", "2fa", "pair"] if shape != "device" else ["pair"])
    subj_key, intro_key = {"verify": ("code_subj", "code_intro"), "login": ("login_subj", "login_intro"),
                           "reset": ("reset_subj", "login_intro"), "2fa": ("login_subj", "login_intro"),
                           "pair": ("login_subj", "login_intro")}[purpose]
    subject = p[subj_key].format(brand=brand)
    if lang == "en" and purpose == "pair":
        subject = f"Your {brand} TV activation code"
    if r.random() < 0.15 and shape.startswith("digits"):
        subject = f"{code} is your {brand} code" if lang == "en" else f"{code} – {subject}"
    intro = p[intro_key]
    if lang == "en" and purpose == "pair":
        intro = f"Enter this code on your TV to pair it with your {brand} account:"
    if lang == "en" and purpose == "reset":
        intro = "We received a request to reset your password. Enter this password reset code:"
    if lang == "en" and purpose == "2fa":
        intro = "Your two-factor authentication code:"
    distractor = r.choice(DISTRACTORS)
    extra = distractor_lines(distractor, brand, lang, r)
    if style == "sentence":
        code_row = htmlescape.escape(p["code_sentence"]).replace("{code}", f"<strong>{code}</strong>")
        rows = [htmlescape.escape(intro.rstrip(":：")), code_row]
    else:
        rows = [htmlescape.escape(intro), code_html(code, style, r)]
    rows += [htmlescape.escape(p["expires"]), htmlescape.escape(p["ignore"])]
    if r.random() < 0.5:
        rows.append(htmlescape.escape(p["never_share"].format(brand=brand)))
    rows += [x if x.startswith("<") else htmlescape.escape(x) for x in extra]
    pre = r.choice([None, p["expires"], intro, p["code_sentence"].format(code=code)])
    tracked = r.random() < 0.3
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r, tracked))
    pixel = f"https://open.{slug(brand)}-mail.example.com/o/{r.randint(10**9, 10**10)}.gif" if r.random() < 0.4 else None
    html = layout(r.choice(["postmark", "mso", "divs", "plainish"]), brand, lang, pre, rows, foot, r, pixel)
    shown = grouped(code, r) if style == "grouped" and r.random() < 0.5 else code
    text_lines = [intro, "", "    " + shown if r.random() < 0.5 else shown, "", p["expires"], p["ignore"]]
    text_lines += [x for x in extra if not x.startswith("<")]
    text_lines += ["", "--", p["reason"].format(brand=brand), r.choice(ADDRESSES).format(brand=brand)]
    text = "\n".join(text_lines) + "\n"
    parts = r.choices(["html", "both", "plain"], [45, 45, 10])[0]
    name = f"code-{n:03d}-{lang}-{style}"
    write(name, "code", f"code/{style}", lang, subject, sender_of(brand), text=text if parts != "html" else None,
          html=html if parts != "plain" else None, code=expected_code(code), r=r)


# Codes that sit beside prices, order numbers, card digits, dates and phone numbers (the misses the issue names).
def code_beside_numbers(n, r):
    brand = r.choice(["Marlin Bank", "Cobalt Pay", "Parcelly", "Vantor", "Northwind"])
    code = make_code(r, "digits6")
    amount = f"{r.randint(10, 4999)}.{r.randint(0, 99):02d}"
    order = r.randint(10**8, 10**9 - 1)
    variant = n % 6
    if variant == 0:
        lines = [f"You are making a payment of EUR {amount} to TechStore Online with your card ending {r.randint(1000, 9999)}.",
                 f"Your one-time password (OTP) is {code}.", "Do not share this OTP with anyone, including bank staff.",
                 f"Date: {r.randint(1, 28):02d}.{r.randint(1, 12):02d}.2026 {r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
                 f"Customer service: +44 20 {r.randint(1000, 9999)} {r.randint(1000, 9999)}"]
        subject = "Your one-time password for an online payment"
    elif variant == 1:
        lines = [f"Your order #{order} (total ${amount}) is out for delivery.",
                 "The courier will ask for a delivery code at the door.", f"Delivery code: {code}",
                 f"Tracking number: 1Z{r.randint(10**9, 10**10 - 1)}{r.randint(10**5, 10**6 - 1)}",
                 f"Delivery address: 1200 Pine St, Seattle, WA 98101"]
        subject = f"Your delivery code for order #{order}"
    elif variant == 2:
        lines = [f"Überweisung über {amount.replace('.', ',')} € an Stadtwerke München GmbH, IBAN DE89 3704 0044 0532 0130 00.",
                 f"Ihre TAN lautet: {code}", "Die TAN ist 5 Minuten gültig. Geben Sie sie niemals telefonisch weiter.",
                 f"Auftragsnummer {r.randint(10**7, 10**8 - 1)}, {r.randint(1, 28)}.{r.randint(1, 12)}.2026"]
        subject = "Ihre TAN für die Überweisung"
    elif variant == 3:
        lines = [f"Rental confirmation {r.randint(10**5, 10**6 - 1)} – pick-up 14 March 2026, 09:30.",
                 f"To unlock your car, enter the access code {code} on the keypad.",
                 f"Station: Bahnhofplatz 1, 8001 Zürich · Phone +41 44 {r.randint(100, 999)} {r.randint(10, 99)} {r.randint(10, 99)}"]
        subject = "Your car access code"
    elif variant == 4:
        lines = [f"A withdrawal of {amount} USDT was requested from your account.",
                 f"Withdrawal verification code: {grouped(code, r)}",
                 f"Network fee: 1.00 USDT · Address ending {r.randint(1000, 9999)}",
                 "If this wasn't you, freeze your account immediately."]
        subject = "Confirm your withdrawal"
    else:
        lines = [f"Pedido nº {order} · Total: R$ {amount.replace('.', ',')}",
                 f"Para confirmar a retirada na loja, informe o código de verificação {code}.",
                 f"Loja: Av. Paulista, 1578 – São Paulo – CEP 01310-200 · Tel. (11) 3{r.randint(100, 999)}-{r.randint(1000, 9999)}"]
        subject = "Código para retirada do seu pedido"
    rows = [htmlescape.escape(l) for l in lines]
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, "en", None, rows,
                  footer_html(brand, "en", r, footer_links(brand, "en", r)), r)
    name = f"codeplus-{n:03d}-{variant}"
    parts = r.choice(["html", "both", "plain"])
    write(name, "code-beside-numbers", f"codeplus/{variant}", "mixed", subject, sender_of(brand, "alerts"),
          text="\n".join(lines) + "\n" if parts != "html" else None, html=html if parts != "plain" else None,
          code=code, r=r)


# ---------------------------------------------------------------- positives: links

def link_mail(n, lang, r):
    p = LANGUAGES[lang]
    brand = r.choice(BRANDS)
    s = slug(brand)
    kind = r.choice(["confirm", "magic", "reset"])
    token = "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(r.choice([32, 43, 64])))
    tracked = r.random() < 0.3
    if kind == "confirm":
        url = r.choice([f"https://app.{s}.example.com/verify-email?token={token}",
                        f"https://{s}.example.com/confirm/{token}",
                        f"https://accounts.{s}.example.com/activate?code={token}&email=alex%40example.org"])
        subject, intro, btn = p["link_subj"], p["link_intro"], p["link_btn"]
    elif kind == "magic":
        url = r.choice([f"https://{s}.example.com/auth/magic-link?token={token}",
                        f"https://app.{s}.example.com/login/callback?t={token}&redirect=%2Fdashboard",
                        f"https://{s}.example.com/signin/email?token={token}"])
        subject, intro, btn = p["magic_subj"], p["magic_intro"], p["magic_btn"]
    else:
        url = r.choice([f"https://{s}.example.com/password/reset/{token}", f"https://accounts.{s}.example.com/reset-password?token={token}"])
        subject, intro, btn = p["reset_subj"], p["reset_intro"], p["reset_btn"]
    subject = subject.format(brand=brand)
    intro = intro.format(brand=brand)
    btn = btn.format(brand=brand)
    href = f"https://click.{s}-mail.example.com/ls/click?upn={token[:20]}-2Bconfirm" if tracked else url
    fallback = r.random() < 0.6
    rows = [htmlescape.escape(intro), button(btn, href)]
    if fallback:
        rows.append(htmlescape.escape({"en": "Or paste this link into your browser:"}.get(lang, "URL:"))
                    + f'<br><a href="{htmlescape.escape(href)}" style="color:#2563eb;word-break:break-all">{htmlescape.escape(href)}</a>')
    rows.append(htmlescape.escape(p["ignore"]))
    social = "".join(f'<a href="https://www.{host}/{s}"><img src="https://cdn.{s}.example.com/social/{host.split(".")[0]}.png" alt="{host}"></a> '
                     for host in ["facebook.com", "twitter.com", "linkedin.com"]) if r.random() < 0.5 else ""
    if social:
        rows.append(social)
    rows.append(f'<a href="https://www.{s}.example.com/email/view?id={token[:12]}">View this email in your browser</a>')
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r, tracked))
    pixel = f"https://open.{s}-mail.example.com/track/open.gif?e={token[:16]}" if r.random() < 0.6 else None
    html = layout(r.choice(["postmark", "mso", "divs", "plainish"]), brand, lang, intro, rows, foot, r, pixel)
    text = f"{intro}\n\n{btn}:\n{href}\n\n{p['ignore']}\n\n{p['unsub']}: https://www.{s}.example.com/unsubscribe?u={token[:10]}\n"
    parts = r.choices(["html", "both", "plain"], [45, 40, 15])[0]
    name = f"link-{n:03d}-{lang}-{kind}"
    write(name, "link", f"link/{kind}", lang, subject, sender_of(brand), text=text if parts != "html" else None,
          html=html if parts != "plain" else None, link=href, r=r)


# ---------------------------------------------------------------- hard negatives

def receipt(n, r):
    brand = r.choice(["Vantor", "Pixelgrove", "Northwind", "Juniper", "Tessel"])
    lang = r.choice(["en", "en", "de", "fr", "es"])
    words = {"en": ("Receipt", "Order number", "Total", "Tax", "Paid with Visa ending in"),
             "de": ("Quittung", "Bestellnummer", "Gesamt", "MwSt.", "Bezahlt mit Visa, Endziffern"),
             "fr": ("Reçu", "Numéro de commande", "Total", "TVA", "Payé avec la carte Visa se terminant par"),
             "es": ("Recibo", "Número de pedido", "Total", "IVA", "Pagado con Visa terminada en")}[lang]
    order = r.choice([str(r.randint(10**5, 10**6 - 1)), f"{r.randint(100, 999)}-{r.randint(10**6, 10**7 - 1)}-{r.randint(10**6, 10**7 - 1)}", str(r.randint(10**7, 10**8 - 1))])
    items = [(r.choice(["Wireless Mouse", "USB-C Cable 2m", "Notebook A5", "Coffee Beans 1kg", "Desk Lamp"]), r.randint(1, 3), r.randint(5, 120) + r.randint(0, 99) / 100) for _ in range(r.randint(1, 4))]
    total = sum(q * price for _, q, price in items)
    rows_items = "".join(f'<tr><td style="padding:4px 0">{htmlescape.escape(i)}</td><td align="center">{q}</td>'
                         f'<td align="right">${price:.2f}</td></tr>' for i, q, price in items)
    rows = [f'<h2 style="margin:0">{words[0]}</h2>', f"{words[1]}: <strong>{order}</strong>",
            f'<table width="100%" cellpadding="0" cellspacing="0">{rows_items}'
            f'<tr><td colspan="2"><b>{words[3]}</b></td><td align="right">${total * 0.08:.2f}</td></tr>'
            f'<tr><td colspan="2"><b>{words[2]}</b></td><td align="right"><b>${total * 1.08:.2f}</b></td></tr></table>',
            f"{words[4]} {r.randint(1000, 9999)} · {r.randint(1, 28)} {MONTHS[r.randint(0, 11)]} 2026",
            f"SKU {r.randint(100000, 999999)} · Invoice INV-{r.randint(10**5, 10**6 - 1)}",
            button({"en": "View order", "de": "Bestellung ansehen", "fr": "Voir la commande", "es": "Ver pedido"}[lang],
                   f"https://www.{slug(brand)}.example.com/orders/{order}")]
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r))
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, lang, f"{words[0]} {order}", rows, foot, r)
    write(f"neg-receipt-{n:03d}-{lang}", "negative", "negative/receipt", lang, f"{words[0]} – {words[1]} {order}",
          sender_of(brand, "orders"), html=html, r=r)


def shipping(n, r):
    brand = r.choice(["Parcelly", "Northwind", "Vantor"])
    lang = r.choice(["en", "en", "de", "nl", "ja"])
    track = r.choice([f"1Z{r.randint(10**9, 10**10 - 1)}{r.randint(10**5, 10**6 - 1)}", str(r.randint(10**11, 10**12 - 1)),
                      f"JD0{r.randint(10**14, 10**15 - 1)}", f"LX{r.randint(10**8, 10**9 - 1)}DE"])
    zipc = r.choice(["94105", "10115", "1017 BZ", "150-0002", "SW1A 1AA", "75008"])
    words = {"en": ("Your package is on its way", "Tracking number", "Estimated delivery", "Track package", "Delivery address"),
             "de": ("Ihr Paket ist unterwegs", "Sendungsnummer", "Voraussichtliche Zustellung", "Sendung verfolgen", "Lieferadresse"),
             "nl": ("Je pakket is onderweg", "Trackingnummer", "Verwachte bezorging", "Volg je pakket", "Bezorgadres"),
             "ja": ("商品を発送しました", "お問い合わせ伝票番号", "お届け予定日", "配送状況を確認", "お届け先")}[lang]
    rows = [f"<h2>{words[0]}</h2>", f"{words[1]}: <a href=\"https://track.{slug(brand)}.example.com/t/{track}\">{track}</a>",
            f"{words[2]}: {r.randint(1, 28)}.{r.randint(1, 12)}.2026, 08:00–12:00",
            f"{words[4]}: Hauptstraße {r.randint(1, 200)}, {zipc}", f"Order #{r.randint(10**6, 10**7 - 1)} · {r.randint(1, 5)} item(s) · 2.4 kg",
            button(words[3], f"https://track.{slug(brand)}.example.com/t/{track}?utm_source=email")]
    foot = footer_html(brand, "en", r, footer_links(brand, "en", r))
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, lang, f"{words[1]} {track}", rows, foot, r)
    text = f"{words[0]}\n{words[1]}: {track}\n{words[2]}: {r.randint(1, 28)}.{r.randint(1, 12)}.2026\n{words[4]}: {zipc}\n"
    write(f"neg-shipping-{n:03d}-{lang}", "negative", "negative/shipping", lang, f"{words[0]} ({track})",
          sender_of(brand, "shipping"), text=text if r.random() < 0.5 else None, html=html, r=r)


def promo(n, r):
    brand = r.choice(["Pixelgrove", "Juniper", "Lumora", "Fernway", "Tessel"])
    lang = r.choice(["en", "en", "de", "fr", "es", "it", "pt"])
    promo_code = r.choice(["SAVE20", "WELCOME15", "BLACKFRIDAY", "SPRING2026", "FREESHIP", "VIP30OFF", "EXTRA10", "CYBER25"])
    offer = {"en": f"Use code {promo_code} at checkout for 20% off your next order.",
             "de": f"Mit dem Gutscheincode {promo_code} sparen Sie 20 % auf Ihre nächste Bestellung.",
             "fr": f"Utilisez le code promo {promo_code} pour bénéficier de 20 % de réduction.",
             "es": f"Usa el código promocional {promo_code} y obtén un 20 % de descuento.",
             "it": f"Usa il codice sconto {promo_code} per il 20% di sconto sul tuo prossimo ordine.",
             "pt": f"Use o cupom {promo_code} e ganhe 20% de desconto."}[lang]
    s = slug(brand)
    products = "".join(f'<td width="33%" align="center"><a href="https://www.{s}.example.com/p/{r.randint(10000, 99999)}?utm_campaign=nl{r.randint(100, 999)}">'
                       f'<img src="https://cdn.{s}.example.com/p/{r.randint(1000, 9999)}.jpg" width="160" alt=""></a><br>'
                       f'<span style="font-size:14px">{r.choice(["Linen Shirt", "Trail Runner", "Ceramic Mug", "Wool Scarf"])}</span><br>'
                       f'<s>€{r.randint(40, 90)},00</s> <b>€{r.randint(20, 39)},99</b></td>' for _ in range(3))
    code_box = (f'<div style="border:2px dashed #e11d48;padding:12px;text-align:center;font-size:24px;font-weight:bold;'
                f'letter-spacing:3px">{promo_code}</div>') if r.random() < 0.6 else ""
    rows = [f'<h1 style="font-size:32px">{r.choice(["Spring Sale", "Only 48 hours left", "New arrivals", "Members week"])}</h1>',
            htmlescape.escape(offer), code_box, f'<table width="100%"><tr>{products}</tr></table>',
            f"Valid until {r.randint(1, 28)}/{r.randint(1, 12)}/2026. Min. order €50. Excl. gift cards.",
            button(r.choice(["Shop now", "Jetzt shoppen", "Découvrir", "Comprar ahora"]), f"https://www.{s}.example.com/sale?utm_source=newsletter&utm_medium=email")]
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r, tracked=r.random() < 0.5))
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, lang, offer, rows, foot, r,
                  f"https://open.{s}-mail.example.com/o/{r.randint(10**6, 10**7)}.gif")
    write(f"neg-promo-{n:03d}-{lang}", "negative", "negative/promo", lang,
          r.choice(["20% off everything – this weekend only", f"Your code {promo_code} is waiting", "Don't miss out!"]),
          sender_of(brand, "news"), html=html, r=r)


def meeting(n, r):
    variant = n % 3
    mid = f"{r.randint(100, 999)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
    pwd = "".join(r.choice("0123456789") for _ in range(6))
    pin = "".join(r.choice("0123456789") for _ in range(r.choice([4, 6, 9])))
    when = f"{DAYS[r.randint(0, 6)]}, {r.randint(1, 28)} {MONTHS[r.randint(0, 11)]} 2026 {r.randint(8, 17)}:00 – {r.randint(8, 17)}:30 (UTC+01:00)"
    if variant == 0:
        lines = ["Alex Kim is inviting you to a scheduled Zoom meeting.", "", "Topic: Q3 planning sync", f"Time: {when}", "",
                 "Join Zoom Meeting", f"https://us02web.zoom.example.com/j/{mid.replace(' ', '')}?pwd=Zk9PdnZrT3hGbW1h", "",
                 f"Meeting ID: {mid}", f"Passcode: {pwd}", "", "One tap mobile",
                 f"+16465588656,,{mid.replace(' ', '')}#,,,,*{pwd}# US (New York)", "", "Dial by your location",
                 "        +1 646 558 8656 US (New York)", "        +49 69 3807 9883 Germany", f"Meeting ID: {mid}",
                 f"Passcode: {pwd}", "Find your local number: https://us02web.zoom.example.com/u/kbXyZ"]
        subject = "Invitation: Q3 planning sync @ " + when.split(" (")[0]
    elif variant == 1:
        lines = ["Microsoft Teams meeting", "Join on your computer, mobile app or room device",
                 "Click here to join the meeting <https://teams.microsoft.example.com/l/meetup-join/19%3ameeting_N2Y>",
                 f"Meeting ID: {mid} {r.randint(100, 999)}", f"Passcode: {''.join(r.choice('abcdefghjkmnpqrstuvwxyz23456789') for _ in range(6))}",
                 "Or call in (audio only)", f"+1 323-555-{r.randint(1000, 9999)},,{pin}#   United States, Los Angeles",
                 f"Phone Conference ID: {pin}#", "Find a local number | Reset PIN", "Learn More | Meeting options"]
        subject = "Weekly design review"
    else:
        lines = ["You're invited to join a Webex meeting.", f"When: {when}", f"Meeting number (access code): {mid}",
                 f"Meeting password: {pwd}", "Join meeting: https://acme.webex.example.com/acme/j.php?MTID=m8f2",
                 "Join by phone", "+1-415-655-0001 US Toll", f"Access code: {mid}",
                 f"Host PIN: {pin}", "Can't join the meeting? https://help.webex.example.com/"]
        subject = "Webex meeting invitation: Vendor onboarding"
    text = "\n".join(lines) + "\n"
    html = ("<html><body><div style=\"font-family:Segoe UI,sans-serif;font-size:14px\">"
            + "".join(f"<div>{htmlescape.escape(l) or '<br>'}</div>" for l in lines) + "</div></body></html>")
    write(f"neg-meeting-{n:03d}-{variant}", "negative", "negative/meeting", "en", subject,
          '"Alex Kim" <alex.kim@acme.example.com>', text=text, html=html if r.random() < 0.6 else None, r=r)


def security_alert(n, r):
    brand = r.choice(BRANDS)
    lang = r.choice(["en", "en", "de", "fr", "es", "ja", "ru", "pt"])
    ip = f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
    when = f"{r.randint(1, 28)} {MONTHS[r.randint(0, 11)]} 2026, {r.randint(0, 23):02d}:{r.randint(0, 59):02d} UTC"
    words = {"en": ("New sign-in to your account", "We noticed a new sign-in to your {brand} account.", "If this was you, you don't need to do anything. If not, we'll help you secure your account.", "Check activity", "Device", "Location"),
             "de": ("Neue Anmeldung bei Ihrem Konto", "Wir haben eine neue Anmeldung bei Ihrem {brand}-Konto festgestellt.", "Wenn Sie das waren, müssen Sie nichts tun.", "Aktivität prüfen", "Gerät", "Standort"),
             "fr": ("Nouvelle connexion à votre compte", "Nous avons détecté une nouvelle connexion à votre compte {brand}.", "Si c'était vous, aucune action n'est requise.", "Vérifier l'activité", "Appareil", "Lieu"),
             "es": ("Nuevo inicio de sesión en tu cuenta", "Detectamos un nuevo inicio de sesión en tu cuenta de {brand}.", "Si fuiste tú, no tienes que hacer nada.", "Revisar actividad", "Dispositivo", "Ubicación"),
             "ja": ("新しいログインがありました", "{brand}アカウントへの新しいログインを検出しました。", "お客様ご本人の場合は、対応は不要です。", "アクティビティを確認", "デバイス", "場所"),
             "ru": ("Новый вход в аккаунт", "Мы заметили новый вход в ваш аккаунт {brand}.", "Если это были вы, ничего делать не нужно.", "Проверить действия", "Устройство", "Местоположение"),
             "pt": ("Novo acesso à sua conta", "Detectamos um novo acesso à sua conta {brand}.", "Se foi você, não é preciso fazer nada.", "Verificar atividade", "Dispositivo", "Local")}[lang]
    variant = r.choice(["signin", "2fa-enabled", "password-changed", "new-device"])
    if lang == "en" and variant == "2fa-enabled":
        words = ("Two-factor authentication is on", "Two-factor authentication was turned on for your {brand} account.",
                 "From now on you'll enter a verification code from your authenticator app when you sign in.", "Manage security", "Device", "Location")
    if lang == "en" and variant == "password-changed":
        words = ("Your password was changed", "The password for your {brand} account was changed.",
                 "If you did not make this change, contact support right away.", "Contact support", "Device", "Location")
    rows = [f"<h2>{htmlescape.escape(words[0])}</h2>", htmlescape.escape(words[1].format(brand=brand)),
            f'<table cellpadding="4"><tr><td style="color:#666">{words[4]}</td><td>Chrome {r.randint(100, 131)}.0 on Windows 11</td></tr>'
            f'<tr><td style="color:#666">{words[5]}</td><td>Lyon, France (IP {ip})</td></tr>'
            f'<tr><td style="color:#666">Time</td><td>{when}</td></tr></table>',
            htmlescape.escape(words[2]), button(words[3], f"https://myaccount.{slug(brand)}.example.com/security/activity?ref=alert{r.randint(1000, 9999)}")]
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r))
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, lang, words[1].format(brand=brand), rows, foot, r)
    write(f"neg-alert-{n:03d}-{lang}-{variant}", "negative", "negative/security-alert", lang, words[0],
          sender_of(brand, "security"), html=html, r=r)


def never_share(n, r):
    brand = r.choice(["Marlin Bank", "Cobalt Pay", "Atlas ID", "Helio"])
    lang = r.choice(["en", "en", "de", "es", "fr", "pl"])
    words = {"en": ("Protect yourself from scams", "We will never call, text or email you to ask for your verification code, PIN or password.",
                    "If someone asks you for a code, it's a scam. Hang up and call us on the number on the back of your card."),
             "de": ("Schützen Sie sich vor Betrug", "Wir fragen Sie niemals per Telefon, SMS oder E-Mail nach Ihrem Bestätigungscode, Ihrer PIN oder TAN.",
                    "Wenn jemand nach einem Code fragt, ist es Betrug."),
             "es": ("Protégete de las estafas", "Nunca te pediremos tu código de verificación, PIN o contraseña por teléfono o correo.",
                    "Si alguien te pide un código, es una estafa."),
             "fr": ("Protégez-vous contre la fraude", "Nous ne vous demanderons jamais votre code de vérification ni votre mot de passe.",
                    "Si quelqu'un vous demande un code, il s'agit d'une arnaque."),
             "pl": ("Chroń się przed oszustami", "Nigdy nie poprosimy Cię o kod weryfikacyjny, PIN ani hasło.",
                    "Jeśli ktoś prosi Cię o kod, to oszustwo.")}[lang]
    rows = [f"<h2>{htmlescape.escape(words[0])}</h2>", htmlescape.escape(words[1]), htmlescape.escape(words[2]),
            f"Customer number: {r.randint(10**7, 10**8 - 1)} · Hotline 0800 {r.randint(100, 999)} {r.randint(1000, 9999)} (24/7)",
            f"Reference: SEC-{r.randint(2024, 2026)}-{r.randint(1000, 9999)}",
            f'<a href="https://www.{slug(brand)}.example.com/security-centre">Learn more about security</a>']
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r))
    html = layout(r.choice(["postmark", "mso", "divs", "plainish"]), brand, lang, words[1], rows, foot, r)
    write(f"neg-nevershare-{n:03d}-{lang}", "negative", "negative/never-share", lang, words[0], sender_of(brand, "security"),
          html=html, text="\n".join(words) + "\n" if r.random() < 0.4 else None, r=r)


def misc_negative(n, r):
    variant = n % 6
    brand = r.choice(BRANDS)
    if variant == 0:
        pnr = make_code(r, "alnum")[:6]
        lines = [f"Booking reference: {pnr}", f"Flight LH {r.randint(100, 999)} Frankfurt (FRA) → Lisbon (LIS)",
                 f"Departure {r.randint(1, 28)} Apr 2026 07:{r.randint(10, 59)} · Seat {r.randint(1, 40)}C",
                 f"E-ticket number 220-{r.randint(10**9, 10**10 - 1)}", "Check in online from 23 hours before departure."]
        subject = f"Your booking confirmation {pnr}"
    elif variant == 1:
        lines = [f"Your statement for account ending {r.randint(1000, 9999)} is ready.",
                 f"Statement period: 01.{r.randint(1, 12):02d}.2026 – 28.{r.randint(1, 12):02d}.2026",
                 f"Balance: € {r.randint(100, 9999)},{r.randint(0, 99):02d}", f"Customer ID {r.randint(10**6, 10**7 - 1)}"]
        subject = "Your monthly statement"
    elif variant == 2:
        lines = ["Thanks for verifying your email address!", f"Your {brand} account is ready. You're on the Free plan.",
                 f"Member since {r.randint(1, 28)} {MONTHS[r.randint(0, 11)]} 2026 · Account #{r.randint(10**5, 10**6 - 1)}"]
        subject = f"Welcome to {brand}"
    elif variant == 3:
        lines = [f"Your invoice {r.randint(2026000, 2026999)} for {MONTHS[r.randint(0, 11)]} 2026",
                 f"Amount due: ${r.randint(10, 999)}.{r.randint(0, 99):02d} on {r.randint(1, 28)}/{r.randint(1, 12)}/2026",
                 f"Plan: Team (5 seats) · VAT ID DE{r.randint(10**8, 10**9 - 1)}"]
        subject = "Your invoice is available"
    elif variant == 4:
        lines = ["The verification code you requested has expired.", "Request a new code in the app to continue.",
                 f"Attempt logged at {r.randint(0, 23):02d}:{r.randint(0, 59):02d} UTC from IP 198.51.100.{r.randint(2, 250)}"]
        subject = "Your code has expired"
    else:
        lines = [f"Your appointment is confirmed for {r.randint(1, 28)}.{r.randint(1, 12)}.2026 at {r.randint(8, 17)}:{r.choice(['00', '15', '30', '45'])}.",
                 f"Confirmation number: {r.randint(10**5, 10**6 - 1)}", f"Praxis Dr. Weber, Lindenstraße 12, 50674 Köln, Tel. 0221 {r.randint(100000, 999999)}"]
        subject = "Appointment confirmation"
    rows = [htmlescape.escape(l) for l in lines]
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, "en", lines[0], rows,
                  footer_html(brand, "en", r, footer_links(brand, "en", r)), r)
    write(f"neg-misc-{n:03d}-{variant}", "negative", f"negative/misc-{variant}", "en", subject, sender_of(brand),
          html=html, text="\n".join(lines) + "\n" if r.random() < 0.5 else None, r=r)


def newsletter_links(n, r):
    """Newsletters and digests full of links, none of which confirms anything."""
    brand = r.choice(BRANDS)
    s = slug(brand)
    lang = r.choice(["en", "de", "fr", "es", "nl", "it"])
    p = LANGUAGES[lang]
    articles = "".join(f'<tr><td style="padding:12px 0"><a href="https://click.{s}-mail.example.com/ls/click?upn=art{r.randint(10**5, 10**6)}">'
                       f'<b>{r.choice(["How we cut build times in half", "10 tips for remote teams", "What is new in March", "Customer story: Helio"])}</b></a>'
                       f'<br>{r.randint(3, 12)} min read</td></tr>' for _ in range(r.randint(3, 6)))
    rows = [f"<h1>{brand} Weekly #{r.randint(100, 300)}</h1>", f"<table>{articles}</table>",
            button(r.choice(["Read more", "Weiterlesen", "Lire la suite", "Leer más"]), f"https://blog.{s}.example.com/?utm_source=newsletter"),
            f'<a href="https://www.{s}.example.com/email/view?id={r.randint(10**6, 10**7)}">View in browser</a>']
    foot = footer_html(brand, lang, r, footer_links(brand, lang, r, tracked=True))
    html = layout(r.choice(["postmark", "mso", "divs"]), brand, lang, "This week", rows, foot, r,
                  f"https://open.{s}-mail.example.com/o/{r.randint(10**6, 10**7)}.gif")
    write(f"neg-newsletter-{n:03d}-{lang}", "negative", "negative/newsletter", lang, f"{brand} Weekly: {p['help']}",
          sender_of(brand, "newsletter"), html=html, r=r,
          extra_headers=[("List-Unsubscribe", f"<https://www.{s}.example.com/unsubscribe?u={n}>")])


def main():
    for f in os.listdir(OUT) if os.path.isdir(OUT) else []:
        if f.endswith(".eml"):
            os.remove(os.path.join(OUT, f))
    for i in range(170):
        lang = LANG_CODES[i % len(LANG_CODES)] if i < 135 else "en"
        code_mail(i, lang, rng_for(f"code{i}"))
    for i in range(18):
        code_beside_numbers(i, rng_for(f"codeplus{i}"))
    for i in range(60):
        link_mail(i, LANG_CODES[i % len(LANG_CODES)] if i < 40 else "en", rng_for(f"link{i}"))
    for i in range(16):
        receipt(i, rng_for(f"receipt{i}"))
    for i in range(14):
        shipping(i, rng_for(f"shipping{i}"))
    for i in range(14):
        promo(i, rng_for(f"promo{i}"))
    for i in range(12):
        meeting(i, rng_for(f"meeting{i}"))
    for i in range(14):
        security_alert(i, rng_for(f"alert{i}"))
    for i in range(10):
        never_share(i, rng_for(f"nevershare{i}"))
    for i in range(12):
        misc_negative(i, rng_for(f"misc{i}"))
    for i in range(10):
        newsletter_links(i, rng_for(f"newsletter{i}"))
    manifest.sort(key=lambda m: m["file"])
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    splits = {s: sum(1 for m in manifest if m["split"] == s) for s in ("dev", "heldout")}
    print(len(manifest), "mails", splits, "negatives", sum(1 for m in manifest if m["category"] == "negative"),
          "links", sum(1 for m in manifest if m["link"]), "languages", len({m["language"] for m in manifest}))


if __name__ == "__main__":
    main()
