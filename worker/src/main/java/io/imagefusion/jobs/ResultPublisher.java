package io.imagefusion.jobs;

/** Publishes result events (implemented by messaging). */
public interface ResultPublisher {

    /** Returns once the broker has the event; throws {@link FusionFailure} MESSAGING_UNAVAILABLE otherwise. */
    void publish(ResultEvent event);
}
