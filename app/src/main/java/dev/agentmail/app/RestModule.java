package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.agentmail.api.ApiServer;
import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.api.RestApiModule;
import dev.agentmail.api.resource.ProtocolEndpoint;
import dev.agentmail.mcp.McpModule;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import java.util.List;

/** The REST API and the operator routes on James WebAdmin. */
final class RestModule extends AbstractModule {
    private final ApiServerSettings api;
    private final JamesSettings james;

    RestModule(ApiServerSettings api, JamesSettings james) {
        this.api = api;
        this.james = james;
    }

    @Override
    protected void configure() {
        bind(ApiServerSettings.class).toInstance(api);
        install(new RestApiModule());
        install(new McpModule());
    }

    /** The API takes its first call once the default organization exists (and, on a cluster, the relay runs). */
    @ProvidesIntoSet
    InitializationOperation startApi(ApiServer server) {
        return InitilizationOperationBuilder.forClass(ApiServer.class).init(server::start)
            .requires(List.of(Bootstrap.class));
    }

    /** The mail listeners that GET /health checks. */
    @Provides
    List<ProtocolEndpoint> protocolEndpoints() {
        String host = james.connectHost();
        return List.of(
            new ProtocolEndpoint("smtp", host, james.smtpPort()),
            new ProtocolEndpoint("submission", host, james.submissionPort()),
            new ProtocolEndpoint("imap", host, james.imapPort()));
    }
}
