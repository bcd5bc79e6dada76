/**
 * Kafka: consumes fusion requests, publishes result events and accepted API requests, dead-letters
 * what cannot be processed. A thin adapter: every decision is made in {@code jobs}.
 *
 * <p>Delivery: at least once. The consumer acknowledges after the job's final state is recorded and its
 * result published; permanent failures are nacked, which the {@code dead-letter-queue} failure strategy turns
 * into a record on {@code fusion.requests.dlq} with {@code dead-letter-reason} ("CODE: message") and
 * {@code fusion-error-code} headers, after which the consumer goes on.
 */
package io.imagefusion.messaging;
