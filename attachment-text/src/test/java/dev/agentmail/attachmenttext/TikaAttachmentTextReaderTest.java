package dev.agentmail.attachmenttext;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TikaAttachmentTextReaderTest {
    private static final TikaAttachmentTextReader READER = new TikaAttachmentTextReader(TikaAttachmentTextReader.Limits.DEFAULT);

    @AfterAll
    static void close() {
        READER.close();
    }

    private static AttachmentText read(byte[] bytes, String type, String name) {
        return READER.read(new ByteArrayInputStream(bytes), bytes.length, type, Optional.of(name));
    }

    @Test
    void readsPdfWordAndExcel() throws IOException {
        AttachmentText pdf = read(TestDocuments.pdf("Invoice 2026-117 for the quokka enclosure"), "application/pdf", "invoice.pdf");
        assertThat(pdf.status()).isEqualTo(Status.READY);
        assertThat(pdf.text()).hasValueSatisfying(text -> assertThat(text).contains("quokka enclosure"));

        AttachmentText docx = read(TestDocuments.docx("This contract binds both parties."), "application/octet-stream", "contract.docx");
        assertThat(docx.status()).isEqualTo(Status.READY);
        assertThat(docx.text()).contains("This contract binds both parties.");

        AttachmentText xlsx = read(TestDocuments.xlsx("Catering", 1250.5), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx");
        assertThat(xlsx.status()).isEqualTo(Status.READY);
        assertThat(xlsx.text()).hasValueSatisfying(text -> assertThat(text).contains("Budget").contains("Catering").contains("1250.5"));
    }

    @Test
    void readsOpenDocumentText() throws IOException {
        ByteArrayOutputStream odt = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(odt)) {
            ZipEntry mimetype = new ZipEntry("mimetype");
            byte[] type = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            mimetype.setMethod(ZipEntry.STORED);
            mimetype.setSize(type.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            mimetype.setCrc(crc.getValue());
            zip.putNextEntry(mimetype);
            zip.write(type);
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                + "<office:body><office:text><text:p>Lease agreement for unit 4B</text:p></office:text></office:body>"
                + "</office:document-content>").getBytes(StandardCharsets.UTF_8));
        }
        AttachmentText text = read(odt.toByteArray(), "application/vnd.oasis.opendocument.text", "lease.odt");
        assertThat(text.status()).isEqualTo(Status.READY);
        assertThat(text.text()).hasValueSatisfying(value -> assertThat(value).contains("Lease agreement for unit 4B"));
    }

    @Test
    void readsRtfHtmlCsvAndPlainText() {
        assertThat(read("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0\\fs24 Minutes of the board meeting.\\par\n}".getBytes(StandardCharsets.US_ASCII), "application/rtf", "minutes.rtf").text())
            .hasValueSatisfying(text -> assertThat(text).contains("Minutes of the board meeting."));
        assertThat(read("<html><body><p>Agenda &amp; notes</p><script>x()</script></body></html>".getBytes(StandardCharsets.UTF_8), "text/html", "agenda.html").text())
            .hasValueSatisfying(text -> assertThat(text).contains("Agenda & notes").doesNotContain("x()"));
        assertThat(read("name,amount\nAlice,12\n".getBytes(StandardCharsets.UTF_8), "text/csv", "sheet.csv").text())
            .hasValueSatisfying(text -> assertThat(text).contains("Alice"));
        assertThat(read("Grüße aus Köln".getBytes(StandardCharsets.UTF_8), "text/plain", "note.txt").text()).contains("Grüße aus Köln");
    }

    @Test
    void corruptAndEncryptedFilesFail() throws IOException {
        assertThat(read(TestDocuments.CORRUPT_PDF, "application/pdf", "broken.pdf").status())
            .isEqualTo(Status.FAILED);
        byte[] encrypted;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(out);
            encrypted = out.toByteArray();
        }
        assertThat(read(encrypted, "application/pdf", "locked.pdf").status()).isEqualTo(Status.FAILED);
    }

    @Test
    void aDecompressionBombFails() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
                .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
        }
        assertThat(bomb.size()).isLessThan(1_000_000);
        assertThat(read(bomb.toByteArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "bomb.docx").status())
            .isEqualTo(Status.FAILED);
    }

    @Test
    void limitsAndUnreadFormatsHaveTheirStatus() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(read(png, "image/png", "photo.png").status()).isEqualTo(Status.UNSUPPORTED);

        TikaAttachmentTextReader small = new TikaAttachmentTextReader(new TikaAttachmentTextReader.Limits(1000, 20, Duration.ofSeconds(10), 1));
        byte[] text = "word ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        assertThat(small.read(new ByteArrayInputStream(text), text.length, "text/plain", Optional.empty()).status()).isEqualTo(Status.TOO_LARGE);
        byte[] big = new byte[2000];
        assertThat(small.read(new ByteArrayInputStream(big), big.length, "text/plain", Optional.empty()).status()).isEqualTo(Status.TOO_LARGE);
        small.close();
    }
}
