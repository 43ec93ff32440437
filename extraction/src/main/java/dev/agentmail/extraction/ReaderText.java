package dev.agentmail.extraction;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML mail as its reader sees it: what is hidden (preheaders, display:none, zero font sizes, collapsed heights) is
 * gone, a row of one-character boxes reads as one word on a line of its own, blocks and table rows are lines.
 */
final class ReaderText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "ul", "ol", "blockquote", "pre", "hr", "section", "article", "header", "footer", "center", "dd", "dt");
    private static final Set<String> UNSEEN = Set.of("script", "style", "head", "title", "noscript", "template", "xml");
    private static final Pattern FONT_SIZE = Pattern.compile("(?:^|;)\\s*font-size\\s*:\\s*([0-9.]+)\\s*(px|pt|em|rem|%)?");
    /** Characters a reader never sees: zero-width spaces and joiners, soft hyphens, byte-order marks. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u034F\\u200B-\\u200F\\u2060-\\u2064\\uFEFF]");
    private static final Pattern HIDING = Pattern.compile(
        "(?:^|;)(?:display:none|visibility:hidden|opacity:0(?:\\.0+)?(?:;|!|$)|max-height:0(?:px)?(?:;|!|$))");
    private static final Pattern COLLAPSED = Pattern.compile("(?:^|;)height:0(?:px)?(?:;|!|$)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int BOXED_MINIMUM = 4;

    private ReaderText() {
    }

    /** Removes from the parsed HTML every element and text its reader does not see; returns the document. */
    static Document hideUnseen(Document document) {
        document.select(String.join(", ", UNSEEN)).remove();
        for (Element element : document.body().getAllElements()) {
            if (element.parent() != null && hidden(element)) {
                element.remove();
            }
        }
        List<TextNode> unreadable = new ArrayList<>();
        Deque<Boolean> tooSmall = new ArrayDeque<>();
        tooSmall.push(false);
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element element) {
                    Boolean small = tooSmallToRead(element.attr("style"));
                    tooSmall.push(small == null ? tooSmall.peek() : small);
                } else if (node instanceof TextNode text && tooSmall.peek() && !text.isBlank()) {
                    unreadable.add(text);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element) {
                    tooSmall.pop();
                }
            }
        });
        unreadable.forEach(Node::remove);
        return document;
    }

    /** The visible text of a document {@link #hideUnseen} went through, line by line, with boxed characters joined. */
    static List<String> lines(Document visible) {
        Element body = visible.body();
        joinBoxedCharacters(body);
        StringBuilder out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element && (element.normalName().equals("td")
                    || element.normalName().equals("th"))) {
                    out.append(' ');
                }
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }
        });
        List<String> lines = new ArrayList<>();
        for (String line : INVISIBLE.matcher(out).replaceAll("").split("\n")) {
            String clean = SPACES.matcher(line.replace('\u00A0', ' ')).replaceAll(" ").strip();
            if (!clean.isEmpty()) {
                lines.add(clean);
            }
        }
        return lines;
    }

    private static boolean hidden(Element element) {
        if (element.hasAttr("hidden")) {
            return true;
        }
        String className = element.className().toLowerCase(Locale.ROOT);
        if (className.contains("preheader") || className.contains("preview-text")) {
            return true;
        }
        String style = element.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String compact = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return HIDING.matcher(compact).find() || COLLAPSED.matcher(compact).find() && compact.contains("overflow:hidden");
    }

    /** Whether a style makes its text too small to read (zero, or one pixel), or null when it sets no font size. */
    private static Boolean tooSmallToRead(String style) {
        if (style.isEmpty()) {
            return null;
        }
        Matcher size = FONT_SIZE.matcher(style.toLowerCase(Locale.ROOT));
        if (!size.find()) {
            return null;
        }
        double value = Double.parseDouble(size.group(1));
        String unit = size.group(2);
        return unit == null || unit.equals("px") || unit.equals("pt") ? value <= 1 : value == 0;
    }

    /**
     * A row of boxes that each hold one character (a code laid out one digit per cell or span) reads as the word
     * they spell, on a line of its own.
     */
    private static void joinBoxedCharacters(Element root) {
        for (Element element : root.getAllElements()) {
            if (element.parent() == null || element.childrenSize() < BOXED_MINIMUM || !element.ownText().isBlank()) {
                continue;
            }
            StringBuilder word = new StringBuilder();
            boolean boxed = true;
            int characters = 0;
            for (Element child : element.children()) {
                String text = INVISIBLE.matcher(child.text()).replaceAll("").replace('\u00A0', ' ').strip();
                if (text.length() == 1 && Character.isLetterOrDigit(text.charAt(0))) {
                    characters++;
                    word.append(text);
                } else if (text.length() == 1 && "-–·".indexOf(text.charAt(0)) >= 0) {
                    word.append('-');
                } else if (!text.isEmpty()) {
                    boxed = false;
                    break;
                }
            }
            if (boxed && characters >= BOXED_MINIMUM) {
                Element line = new Element("div").text(word.toString());
                element.empty();
                element.appendChild(line);
            }
        }
    }
}
