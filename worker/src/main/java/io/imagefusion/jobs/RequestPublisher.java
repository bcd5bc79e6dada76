package io.imagefusion.jobs;

/** Publishes accepted requests to the request topic (implemented by messaging). */
public interface RequestPublisher {

    /** Returns once the broker has the request; throws {@link FusionFailure} MESSAGING_UNAVAILABLE otherwise. */
    void publish(String jobId, String requestJson);
}
