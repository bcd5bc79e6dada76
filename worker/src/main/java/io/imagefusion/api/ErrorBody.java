package io.imagefusion.api;

/** Body of every error answer. */
public record ErrorBody(String code, String message) {
}
