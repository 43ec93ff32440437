package dev.agentmail.attachmenttext;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Real documents made in the test, with PDFBox and POI (which Tika reads them with). */
public final class TestDocuments {
    private TestDocuments() {
    }

    /** A PDF that starts like one and is not: a parser fails on it. */
    public static final byte[] CORRUPT_PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage".getBytes(StandardCharsets.US_ASCII);

    /** A one-page PDF with one line of text. */
    public static byte[] pdf(String text) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(PDType1Font.HELVETICA, 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A Word document of one paragraph. */
    public static byte[] docx(String text) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(text);
            document.write(out);
            return out.toByteArray();
        }
    }

    /** An Excel workbook with a sheet named "Budget" and one row: a label and an amount. */
    public static byte[] xlsx(String label, double amount) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var row = workbook.createSheet("Budget").createRow(0);
            row.createCell(0).setCellValue(label);
            row.createCell(1).setCellValue(amount);
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
