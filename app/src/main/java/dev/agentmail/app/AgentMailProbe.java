package dev.agentmail.app;

import com.google.inject.Injector;
import org.apache.james.utils.GuiceProbe;

import javax.inject.Inject;

/** Hands objects of the running server's injector to the code around it: start-up, shutdown and tests. */
public class AgentMailProbe implements GuiceProbe {
    private final Injector injector;

    @Inject
    public AgentMailProbe(Injector injector) {
        this.injector = injector;
    }

    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }
}
