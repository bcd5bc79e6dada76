package io.imagefusion.jobs;

import io.imagefusion.storage.AccessPolicy;
import io.imagefusion.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Wires the plain classes of this package from configuration (singletons: they are final, no proxies). */
@ApplicationScoped
class JobsBeans {

    @Produces
    @Singleton
    RequestValidator requestValidator(StorageConfig storage, JobsConfig jobs) {
        return new RequestValidator(new AccessPolicy(storage.allowedBuckets(), storage.outputBuckets()), jobs.outputBucket());
    }

    @Produces
    @Singleton
    WorkerId workerId(JobsConfig jobs) {
        return new WorkerId(jobs.workerId().orElseGet(JobsBeans::defaultWorkerId));
    }

    /** Unique per start: a restarted worker must not look like the dead one that left a RUNNING job. */
    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
