package dev.agentmail.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain SMTP client on one connection: what a sending MTA does, and nothing that would cost time on our side. */
final class Smtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Smtp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(120_000);
        socket.setTcpNoDelay(true);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        expect(220);
        command("EHLO bench.example", 250);
    }

    /** Sends one message; returns when the server has answered the end of DATA. */
    void send(String from, String to, byte[] message) throws IOException {
        command("MAIL FROM:<" + from + ">", 250);
        command("RCPT TO:<" + to + ">", 250);
        command("DATA", 354);
        out.write(message);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(250);
    }

    private void command(String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(expected);
    }

    private void expect(int code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(Integer.toString(code))) {
            throw new IOException("expected " + code + ", got: " + line);
        }
    }

    /** A message of about {@code size} bytes, lines of text, dot-stuffing unneeded, CRLF throughout. */
    static byte[] message(String from, String to, String subject, int size) {
        StringBuilder text = new StringBuilder()
            .append("From: ").append(from).append("\r\n")
            .append("To: ").append(to).append("\r\n")
            .append("Subject: ").append(subject).append("\r\n")
            .append("Message-ID: <").append(java.util.UUID.randomUUID()).append("@bench.example>\r\n")
            .append("Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        String line = "The quick brown fox jumps over the lazy dog while the agent reads its mail. 0123456789\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } finally {
            socket.close();
        }
    }
}
