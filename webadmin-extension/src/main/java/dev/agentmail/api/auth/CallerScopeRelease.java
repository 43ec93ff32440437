package dev.agentmail.api.auth;

import dev.agentmail.domain.access.CallerScope;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import java.io.IOException;

/**
 * Unbinds the key scope {@link ApiKeyAuthFilter} bound to the request's thread once the request leaves it (also
 * when it is suspended), so that the next request on this pooled thread starts with none.
 */
public class CallerScopeRelease implements Filter {
    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
        CallerScope.clear();
        try {
            chain.doFilter(request, response);
        } finally {
            CallerScope.clear();
        }
    }

    @Override
    public void destroy() {
    }
}
