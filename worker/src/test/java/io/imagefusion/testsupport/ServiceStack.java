package io.imagefusion.testsupport;

/** A running set of the real backing services (Kafka, PostgreSQL, S3 object store) owned by this JVM. */
interface ServiceStack {

    ServiceEndpoints endpoints();

    /** Stops what this stack started; a no-op for a stack it only reuses. */
    void stop();
}
