package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Names;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import java.io.PrintStream;
import java.util.List;

/** The server's own first start: the default organization and its key, made by one node at a time. */
final class BootstrapModule extends AbstractModule {
    private final BootstrapSettings settings;
    private final PrintStream console;

    BootstrapModule(BootstrapSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    @Override
    protected void configure() {
        bind(BootstrapSettings.class).toInstance(settings);
        bind(PrintStream.class).annotatedWith(Names.named(Bootstrap.CONSOLE)).toInstance(console);
        bind(Bootstrap.class).in(Scopes.SINGLETON);
    }

    /** Nodes starting together on a new cluster would each find no organization and make one. */
    @ProvidesIntoSet
    InitializationOperation bootstrap(Bootstrap bootstrap, DataStorage storage) {
        return InitilizationOperationBuilder.forClass(Bootstrap.class)
            .init(() -> storage.runAlone("bootstrap", bootstrap::run))
            .requires(List.of(ClusterEventRelay.class));
    }
}
