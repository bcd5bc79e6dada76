package io.imagefusion.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method with the {@link Access} it needs; {@link AccessFilter} enforces it. Every resource
 * method carries one (a test checks), so a new endpoint cannot be open by omission.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Guarded {
    Access value();
}
