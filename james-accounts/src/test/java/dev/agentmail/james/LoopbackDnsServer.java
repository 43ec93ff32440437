package dev.agentmail.james;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real DNS server on loopback (UDP, dnsjava's wire format) answering from the records a test gives it. A test
 * may change the zone at any time, as a user editing records at a DNS provider would.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private static final int TTL = 60;
    private final DatagramSocket socket;
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    /** How long a negative answer may be kept, or 0 to send it without the SOA that would let it be kept. */
    private volatile long negativeTtl;

    public LoopbackDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public LoopbackDnsServer add(Record record) {
        records.add(record);
        return this;
    }

    /** A TXT record; a value longer than a DNS string (255 bytes) is split into several, as providers do. */
    public LoopbackDnsServer addTxt(String name, String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += 255) {
            strings.add(value.substring(start, Math.min(value.length(), start + 255)));
        }
        return add(new TXTRecord(name(name), DClass.IN, TTL, strings));
    }

    public LoopbackDnsServer addMx(String name, int priority, String host) {
        return add(new MXRecord(name(name), DClass.IN, TTL, priority, name(host)));
    }

    /**
     * Negative answers (no such name, no record of the type) carry their zone's SOA, as an authoritative server's do,
     * so that a resolver keeps them for this many seconds (RFC 2308). Without it they carry none: a test that adds a
     * record after a lookup missed it sees it at once.
     */
    public LoopbackDnsServer negativeAnswersKeptFor(long seconds) {
        negativeTtl = seconds;
        return this;
    }

    /** Forgets every record of {@code name}. */
    public LoopbackDnsServer remove(String name) {
        Name owner = name(name);
        records.removeIf(record -> record.getName().equals(owner));
        return this;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(question, Section.QUESTION);
                boolean known = false;
                for (Record record : records) {
                    if (record.getName().equals(question.getName())) {
                        known = true;
                        if (record.getType() == question.getType()) {
                            response.addRecord(record, Section.ANSWER);
                        }
                    }
                }
                if (!known) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                if (negativeTtl > 0 && response.getSectionArray(Section.ANSWER).length == 0) {
                    response.addRecord(soa(question.getName()), Section.AUTHORITY);
                }
                byte[] answer = response.toWire();
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The SOA of the zone a name is in, taken to be its last two labels. */
    private SOARecord soa(Name name) {
        Name zone = name.labels() > 3 ? new Name(name, name.labels() - 3) : name;
        return new SOARecord(zone, DClass.IN, negativeTtl, name("ns." + zone), name("hostmaster." + zone), 1,
            3600, 600, 86400, negativeTtl);
    }

    @Override
    public void close() {
        socket.close();
    }
}
