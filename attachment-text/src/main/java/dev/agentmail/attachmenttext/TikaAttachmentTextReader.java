package dev.agentmail.attachmenttext;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.port.AttachmentTextReader;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.parser.html.HtmlParser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Attachment text with Apache Tika, within limits on bytes, characters, time and nesting. Only the parsers of the
 * formats we read are set up (PDF; Word, Excel, PowerPoint old and new; OpenDocument; RTF; HTML; CSV and plain
 * text), so an archive, an image or a program is "unsupported" without being opened. Corrupt and encrypted files,
 * decompression bombs and parses that run too long are "failed".
 */
public final class TikaAttachmentTextReader implements AttachmentTextReader, AutoCloseable {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(TikaAttachmentTextReader.class);
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\x0B\\f]+\\n");

    public record Limits(long maxBytes, int maxCharacters, Duration timeout, int maxNesting) {
        /** 20 MB of file, a million characters of text, 30 seconds, documents inside documents two deep. */
        public static final Limits DEFAULT = new Limits(20L * 1024 * 1024, 1_000_000, Duration.ofSeconds(30), 2);
    }

    private final Limits limits;
    private final Detector detector = new DefaultDetector();
    private final CompositeParser parsers;
    private final ExecutorService parsing = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "attachment-text");
        thread.setDaemon(true);
        return thread;
    });

    public TikaAttachmentTextReader(Limits limits) {
        JdkXmlFactories.pinWhereUnset();
        this.limits = limits;
        this.parsers = new CompositeParser(MediaTypeRegistry.getDefaultRegistry(), new PDFParser(), new OOXMLParser(),
            new OfficeParser(), new OpenDocumentParser(), new RTFParser(), new HtmlParser(), new TextAndCSVParser());
    }

    @Override
    public AttachmentText read(InputStream content, long size, String contentType, Optional<String> filename) {
        if (size > limits.maxBytes()) {
            return AttachmentText.of(Status.TOO_LARGE);
        }
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            Metadata metadata = new Metadata();
            filename.ifPresent(name -> metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name));
            metadata.set(Metadata.CONTENT_TYPE, contentType);
            MediaType type = detector.detect(stream, metadata).getBaseType();
            if (!parsers.getParsers().containsKey(type) && !parsers.getParsers().containsKey(
                MediaTypeRegistry.getDefaultRegistry().getSupertype(type))) {
                return AttachmentText.of(Status.UNSUPPORTED);
            }
            metadata.set(Metadata.CONTENT_TYPE, type.toString());
            Future<AttachmentText> parse = parsing.submit(() -> parse(stream, metadata));
            try {
                return parse.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                parse.cancel(true);
                LOGGER.info("Reading the text of a {} attachment took over {}: given up", type, limits.timeout());
                return AttachmentText.of(Status.FAILED);
            } catch (ExecutionException e) {
                LOGGER.warn("Reading the text of a {} attachment failed", type, e.getCause());
                return AttachmentText.of(Status.FAILED);
            }
        } catch (IOException e) {
            LOGGER.info("Could not read an attachment's bytes: {}", e.toString());
            return AttachmentText.of(Status.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttachmentText.of(Status.FAILED);
        }
    }

    private AttachmentText parse(TikaInputStream stream, Metadata metadata) throws IOException {
        WriteOutContentHandler out = new WriteOutContentHandler(limits.maxCharacters());
        SecureContentHandler secure = new SecureContentHandler(new BodyContentHandler((ContentHandler) out), stream);
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        // Form fields and XFA are not the document's text, and XFA is XML from the sender.
        pdf.setExtractAcroFormContent(false);
        context.set(PDFParserConfig.class, pdf);
        context.set(Parser.class, new NestingLimit(new AutoDetectParser(detector, parsers), limits.maxNesting()));
        try {
            parsers.parse(stream, secure, metadata, context);
        } catch (SAXException | TikaException | RuntimeException e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                return AttachmentText.of(Status.TOO_LARGE);
            }
            return failed(secure, e);
        }
        String text = BLANK_LINES.matcher(TRAILING_SPACE.matcher(out.toString().replace("\r\n", "\n")).replaceAll("\n"))
            .replaceAll("\n\n").strip();
        return AttachmentText.ready(text);
    }

    private static AttachmentText failed(SecureContentHandler secure, Exception e) {
        if (e instanceof EncryptedDocumentException || e.getCause() instanceof EncryptedDocumentException) {
            LOGGER.info("An attachment is encrypted: no text read");
            return AttachmentText.of(Status.FAILED);
        }
        try {
            if (e instanceof SAXException sax) {
                secure.throwIfCauseOf(sax);
            }
            LOGGER.info("An attachment could not be read: {}", e.toString());
        } catch (TikaException bomb) {
            LOGGER.info("An attachment looks like a decompression bomb: {}", bomb.getMessage());
        }
        return AttachmentText.of(Status.FAILED);
    }

    @Override
    public void close() {
        parsing.shutdownNow();
    }

    /** Parses documents inside documents down to a depth, and skips deeper ones (Tika records and moves on). */
    private static final class NestingLimit extends ParserDecorator {
        private final int maxDepth;
        private final transient AtomicInteger depth = new AtomicInteger();

        NestingLimit(Parser parser, int maxDepth) {
            super(parser);
            this.maxDepth = maxDepth;
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
            if (depth.incrementAndGet() > maxDepth) {
                depth.decrementAndGet();
                throw new TikaException("documents nested deeper than " + maxDepth);
            }
            try {
                super.parse(stream, handler, metadata, context);
            } finally {
                depth.decrementAndGet();
            }
        }
    }
}
