package dev.agentmail.james.distributed;

import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import org.apache.james.GuiceJamesServer;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;

import javax.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One James server on the distributed modules, with SMTP, IMAP and WebAdmin on free loopback ports and a minimal
 * configuration of its own: local delivery, failed mail to the Cassandra mail repository.
 */
final class TestNode implements AutoCloseable {
    private final GuiceJamesServer server;
    final int smtpPort;
    final int imapPort;

    private TestNode(GuiceJamesServer server, int smtpPort, int imapPort) {
        this.server = server;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static TestNode start(DistributedJamesConfiguration configuration, Path workingDirectory) throws Exception {
        int smtpPort = freePort();
        int imapPort = freePort();
        int adminPort = freePort();
        writeConfiguration(workingDirectory.resolve("conf"), smtpPort, imapPort, adminPort);
        GuiceJamesServer server = GuiceJamesServer.forConfiguration(Configuration.builder()
                .workingDirectory(workingDirectory.toFile())
                .configurationPath(new Configuration.ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF))
                .build())
            .combineWith(DistributedJamesModules.modules(configuration),
                Modules.combine(new ProtocolHandlerModule(), new SMTPServerModule(), new IMAPServerModule(),
                    new WebAdminServerModule(), new NoJwtModule()),
                binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(InstanceProbe.class));
        try {
            server.start();
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
        return new TestNode(server, smtpPort, imapPort);
    }

    <T> T instance(Class<T> type) {
        return server.getProbe(InstanceProbe.class).injector.getInstance(type);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeConfiguration(Path conf, int smtpPort, int imapPort, int adminPort) throws IOException {
        Files.createDirectories(conf);
        String repository = CassandraMailRepositoriesModule.PROTOCOL + "://var/mail/error/";
        Map<String, String> files = Map.of(
            "smtpserver.xml", """
                <smtpservers><smtpserver enabled="true">
                  <jmxName>smtp-%1$d</jmxName><bind>127.0.0.1:%1$d</bind>
                  <connectionBacklog>200</connectionBacklog><connectiontimeout>360</connectiontimeout>
                  <authRequired>false</authRequired><verifyIdentity>false</verifyIdentity>
                  <maxmessagesize>0</maxmessagesize><smtpGreeting>test</smtpGreeting>
                  <handlerchain>
                    <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
                    <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
                  </handlerchain>
                  <gracefulShutdown>false</gracefulShutdown>
                </smtpserver></smtpservers>
                """.formatted(smtpPort),
            "imapserver.xml", """
                <imapservers><imapserver enabled="true">
                  <jmxName>imap-%1$d</jmxName><bind>127.0.0.1:%1$d</bind>
                  <connectionBacklog>200</connectionBacklog><enableIdle>true</enableIdle>
                  <plainAuthDisallowed>false</plainAuthDisallowed>
                  <auth><requireSSL>false</requireSSL><plainAuthEnabled>true</plainAuthEnabled></auth>
                  <gracefulShutdown>false</gracefulShutdown>
                </imapserver></imapservers>
                """.formatted(imapPort),
            "mailetcontainer.xml", """
                <mailetcontainer enableJmx="false">
                  <context><postmaster>postmaster@localhost</postmaster></context>
                  <spooler><threads>2</threads><errorRepository>%1$s</errorRepository></spooler>
                  <processors enableJmx="false">
                    <processor state="root" enableJmx="false">
                      <mailet match="All" class="ToProcessor"><processor>transport</processor></mailet>
                    </processor>
                    <processor state="error" enableJmx="false">
                      <mailet match="All" class="ToRepository"><repositoryPath>%1$s</repositoryPath></mailet>
                    </processor>
                    <processor state="transport" enableJmx="false">
                      <mailet match="All" class="RemoveMimeHeader"><name>bcc</name></mailet>
                      <mailet match="All" class="RecipientRewriteTable"/>
                      <mailet match="RecipientIsLocal" class="LocalDelivery"/>
                      <mailet match="All" class="ToProcessor"><processor>error</processor></mailet>
                    </processor>
                  </processors>
                </mailetcontainer>
                """.formatted(repository),
            "mailrepositorystore.xml", """
                <mailrepositorystore>
                  <defaultProtocol>%1$s</defaultProtocol>
                  <mailrepositories>
                    <mailrepository class="%2$s"><protocols><protocol>%1$s</protocol></protocols></mailrepository>
                  </mailrepositories>
                </mailrepositorystore>
                """.formatted(CassandraMailRepositoriesModule.PROTOCOL, CassandraMailRepositoriesModule.CLASS),
            "domainlist.xml", """
                <domainlist><autodetect>false</autodetect><autodetectIP>false</autodetectIP>
                  <defaultDomain>localhost</defaultDomain></domainlist>
                """,
            "usersrepository.xml", """
                <usersrepository name="LocalUsers"><algorithm>PBKDF2-SHA512</algorithm>
                  <enableVirtualHosting>true</enableVirtualHosting></usersrepository>
                """,
            "dnsservice.xml", """
                <dnsservice><autodiscover>true</autodiscover><authoritative>false</authoritative></dnsservice>
                """,
            "recipientrewritetable.xml", """
                <recipientrewritetable><recursiveMapping>true</recursiveMapping><mappingLimit>10</mappingLimit>
                </recipientrewritetable>
                """,
            "listeners.xml", "<listeners/>\n",
            "webadmin.properties", "enabled=true\nport=%d\nhost=127.0.0.1\nhttps.enabled=false\njwt.enabled=false\n"
                .formatted(adminPort));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(conf.resolve(file.getKey()), "<?xml version=\"1.0\"?>\n".repeat(
                file.getKey().endsWith(".xml") ? 1 : 0) + file.getValue());
        }
    }

    /** Hands the test any object of the server's injector. */
    static class InstanceProbe implements GuiceProbe {
        private final Injector injector;

        @Inject
        InstanceProbe(Injector injector) {
            this.injector = injector;
        }
    }
}
