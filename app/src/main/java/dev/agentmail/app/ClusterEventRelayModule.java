package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/** What nodes of one distributed deployment tell each other, started with the node. */
final class ClusterEventRelayModule extends AbstractModule {
    private final ClusterSettings settings;

    ClusterEventRelayModule(ClusterSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(ClusterSettings.class).toInstance(settings);
        bind(ClusterEventRelay.class).in(Scopes.SINGLETON);
    }

    @ProvidesIntoSet
    InitializationOperation startRelay(ClusterEventRelay relay) {
        return InitilizationOperationBuilder.forClass(ClusterEventRelay.class).init(relay::start);
    }
}
