package dev.agentmail.app;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import org.apache.james.utils.GuiceProbe;

import javax.inject.Inject;

/** Hands objects of the running server's injector to tests, as James's probes do. */
public class AgentMailProbe implements GuiceProbe {
    static final Module MODULE = binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding()
        .to(AgentMailProbe.class);

    private final Injector injector;

    @Inject
    public AgentMailProbe(Injector injector) {
        this.injector = injector;
    }

    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }
}
