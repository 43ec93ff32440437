package dev.agentmail.extraction;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the link a person would click to confirm: named so by its text or its address, and not one of the links
 * every mail carries (unsubscribe, privacy, terms, help, social networks, images).
 */
final class VerificationLinkFinder {
    /** Words of the button or sentence that leads to the link, in the languages of sign-up and sign-in mail. */
    private static final List<String> CONFIRMING = List.of("verify", "verification", "confirm", "activate", "validate",
        "magic", "sign in", "sign-in", "signin", "log in", "log-in", "login", "complete registration",
        "complete your registration", "accept invitation", "accept invite", "reset", "choose a new password",
        "bestätigen", "bestaetigen", "verifizieren", "einloggen", "anmelden", "zurücksetzen",
        "confirmer", "vérifier", "valider", "se connecter", "connexion", "réinitialiser",
        "confirmar", "verificar", "iniciar sesión", "acceder", "restablecer", "entrar", "acessar", "redefinir",
        "conferma", "verifica", "accedi", "reimposta", "bevestig", "inloggen", "aanmelden", "opnieuw instellen",
        "bekräfta", "logga in", "återställ", "potwierdź", "zaloguj", "zresetuj", "potvrdit", "přihlásit", "obnovit heslo",
        "onayla", "giriş yap", "sıfırla", "подтверд", "войти", "сбросить", "підтверд", "увійти", "скинути",
        "επιβεβαίωση", "σύνδεση", "επαναφορά", "تأكيد", "تسجيل الدخول", "إعادة تعيين", "אישור", "התחברות", "איפוס",
        "पुष्टि", "साइन इन", "रीसेट", "ยืนยัน", "เข้าสู่ระบบ", "รีเซ็ต", "xác nhận", "đăng nhập", "đặt lại",
        "konfirmasi", "masuk", "atur ulang", "megerősítés", "bejelentkezés", "visszaállítás", "confirmă", "conectare",
        "resetează", "vahvista", "kirjaudu", "vaihda salasana",
        "確認", "認証", "ログイン", "再設定", "验证", "确认", "登录", "重置", "驗證", "登入", "重設",
        "인증", "확인", "로그인", "재설정");
    private static final List<String> CONFIRMING_IN_ADDRESS = List.of("verify", "verification", "confirm", "activate",
        "validate", "magic", "signin", "sign-in", "sign_in", "login", "log-in", "auth", "token=", "otp", "reset");
    /** Links every mail carries, and those of orders, parcels, account activity, meetings and shops. */
    private static final List<String> NEVER = List.of("unsubscribe", "optout", "opt-out", "opt_out", "preferences",
        "privacy", "terms", "legal", "policy", "help", "support", "faq", "contact", "logo",
        "view in browser", "view online", "webversion", "web version", "manage", "settings", "report", "abuse",
        "not you", "wasn't you", "didn't request", "secure your account", "mailto:", "tel:", "to view", "statement",
        "/email/view", "in your browser", "track", "order", "activity", "security", "join", "meeting", "shop", "sale",
        "read more", "blog", "invoice", "receipt");
    /** Hosts that serve parcels, shops, help and news, whatever their buttons say ("配送状況を確認"). */
    private static final List<String> NEVER_HOSTS = List.of("track", "shop", "store", "help", "support", "blog", "news");
    private static final List<String> SOCIAL_HOSTS = List.of("facebook.", "twitter.", "x.com", "linkedin.", "instagram.",
        "youtube.", "tiktok.", "play.google", "apps.apple", "itunes.apple");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')\\]]+");

    private VerificationLinkFinder() {
    }

    private record Link(String url, String text) {
    }

    /** The link in the visible part of the HTML, or in the plain text, that confirms or signs in. */
    static Optional<String> find(Optional<Document> visibleHtml, Optional<String> text) {
        List<Link> links = new ArrayList<>();
        visibleHtml.ifPresent(document -> {
            for (Element anchor : document.select("a[href]")) {
                links.add(new Link(anchor.attr("href").strip(), (anchor.text() + " " + anchor.attr("title")).strip()));
            }
        });
        text.ifPresent(plain -> {
            String[] lines = plain.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                Matcher matcher = URL.matcher(lines[i]);
                while (matcher.find()) {
                    String url = matcher.group().replaceAll("[.,;:!?]+$", "");
                    String context = (i > 0 ? lines[i - 1] + " " : "") + lines[i].substring(0, matcher.start());
                    links.add(new Link(url, context));
                }
            }
        });
        Link best = null;
        int bestScore = 0;
        for (Link link : links) {
            int score = score(link);
            if (score > bestScore) {
                best = link;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best).map(Link::url);
    }

    private static int score(Link link) {
        String url = link.url().toLowerCase(Locale.ROOT);
        String text = link.text().toLowerCase(Locale.ROOT);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return 0;
        }
        String host = url.replaceFirst("^https?://", "").split("[/?#]", 2)[0];
        String rest = url.substring(url.indexOf(host) + host.length());
        if (contains(host, SOCIAL_HOSTS) || contains(host, NEVER_HOSTS) || contains(rest, NEVER) || contains(text, NEVER)
            || url.matches(".*\\.(png|jpe?g|gif|svg|webp|ico)(\\?.*)?$")) {
            return 0;
        }
        int score = 0;
        if (contains(text, CONFIRMING)) {
            score += 2;
        }
        if (contains(url, CONFIRMING_IN_ADDRESS)) {
            score += 2;
        }
        return score;
    }

    private static boolean contains(String value, List<String> words) {
        for (String word : words) {
            if (value.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
