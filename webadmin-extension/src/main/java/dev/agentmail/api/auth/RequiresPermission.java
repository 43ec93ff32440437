package dev.agentmail.api.auth;

import dev.agentmail.domain.model.Permission;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a route needs of the caller's key, checked by {@link PermissionFeature} before the route runs.
 * None ({@code {}}) is for routes that check within, as {@code /mcp} does per tool. A route without this annotation
 * is open to full keys only.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {
    Permission[] value();
}
