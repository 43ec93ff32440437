package dev.agentmail.james;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real DNS server on loopback (UDP, dnsjava's wire format) answering from the records a test gives it. */
public final class LoopbackDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Thread thread;

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

    private void serve() {
        byte[] buffer = new byte[512];
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
                byte[] answer = response.toWire();
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
