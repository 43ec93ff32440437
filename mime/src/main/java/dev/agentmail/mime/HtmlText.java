package dev.agentmail.mime;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/** A plain-text rendering of HTML mail that keeps its lines: blocks and breaks become new lines. */
final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "ul", "ol", "blockquote", "pre", "hr", "section", "article", "header", "footer");

    private HtmlText() {
    }

    static String render(String html) {
        StringBuilder out = new StringBuilder();
        Element body = Jsoup.parse(html).body();
        body.select("script, style, head").remove();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element && element.normalName().equals("td") && out.length() > 0) {
                    out.append(' ');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }
        });
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\\n *", "\n")
            .replaceAll("\\n{3,}", "\n\n").strip();
    }
}
