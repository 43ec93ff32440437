package dev.agentmail.api.auth;

import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.model.Permission;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Checks, after authentication and before the route reads its body, that the caller's key holds the permission
 * the route's {@link RequiresPermission} names; a route that names none is refused to keys with a list of
 * permissions, so that a new route is closed to them until it has a rule.
 */
public class PermissionFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        context.register(new Check(required(resource.getResourceMethod(), resource.getResourceClass())));
    }

    /** @return the permissions the method needs, or null when it names none */
    public static List<Permission> required(Method method, Class<?> type) {
        RequiresPermission rule = method.getAnnotation(RequiresPermission.class);
        if (rule == null) {
            rule = type.getAnnotation(RequiresPermission.class);
        }
        return rule == null ? null : List.of(rule.value());
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class Check implements ContainerRequestFilter {
        private final List<Permission> required;

        Check(List<Permission> required) {
            this.required = required;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (required == null) {
                if (CallerScope.current().permissions().isPresent()) {
                    throw new ForbiddenException("this route is open to keys with every permission only");
                }
                return;
            }
            required.forEach(CallerScope::require);
        }
    }
}
