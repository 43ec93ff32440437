package dev.agentmail.api;

import com.google.inject.BindingAnnotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the Guice set of JAX-RS resource objects that {@link ApiServer} serves. A binding annotation rather
 * than a marker interface: Jersey warns about registered instances implementing interfaces it does not know.
 */
@BindingAnnotation
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface ApiResources {
}
