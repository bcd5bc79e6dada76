package io.imagefusion.e2e;

import io.imagefusion.storage.MinioObjectStore;
import io.imagefusion.storage.ObjectRef;
import io.imagefusion.storage.ObjectStore;
import io.imagefusion.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import io.imagefusion.testsupport.LocalServices;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real store, except that reads of keys containing {@code outage-<n>} fail as UNAVAILABLE the first n
 * times and keys containing {@code outage-forever} always do: an object-store outage on demand. A write of a
 * key containing {@code pg-down-after-upload} takes the real PostgreSQL down right after the upload, for
 * {@link #DATABASE_OUTAGE}. Counts reads and writes per key. Enabled only by {@link StorageOutageTest.Outage}.
 */
@Alternative
@ApplicationScoped
public class FlakyObjectStore implements ObjectStore {

    private static final Pattern OUTAGE = Pattern.compile("outage-(\\d+)");

    static final String DATABASE_DOWN_AFTER_UPLOAD = "pg-down-after-upload";
    /**
     * Longer than the five tries of one step: each refused connection takes about 2 s here, plus the backoff
     * (0.2 + 0.4 + 0.8 + 1.6 s in the test profile), about 13 s in all; with 5 s the old code rode it out.
     */
    static final Duration DATABASE_OUTAGE = Duration.ofSeconds(20);

    private final MinioObjectStore real;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    private volatile Thread databaseBack;

    FlakyObjectStore(MinioObjectStore real) {
        this.real = real;
    }

    @Override
    public byte[] get(ObjectRef ref) {
        reads.computeIfAbsent(ref.key(), k -> new AtomicInteger()).incrementAndGet();
        int allowed = ref.key().contains("outage-forever") ? Integer.MAX_VALUE : outageLength(ref.key());
        AtomicInteger served = failures.computeIfAbsent(ref.key(), k -> new AtomicInteger());
        if (served.get() < allowed) {
            served.incrementAndGet();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "object store unavailable while reading " + ref);
        }
        return real.get(ref);
    }

    int reads(String key) {
        return reads.getOrDefault(key, new AtomicInteger()).get();
    }

    int writes(String key) {
        return writes.getOrDefault(key, new AtomicInteger()).get();
    }

    /** Waits until a database outage begun by a write has ended. */
    void awaitDatabaseBack() throws InterruptedException {
        if (databaseBack != null) {
            databaseBack.join();
        }
    }

    int failuresServed(String key) {
        return failures.getOrDefault(key, new AtomicInteger()).get();
    }

    private static int outageLength(String key) {
        Matcher m = OUTAGE.matcher(key);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public void put(ObjectRef ref, byte[] bytes, String contentType, String owner) {
        real.put(ref, bytes, contentType, owner);
        writes.computeIfAbsent(ref.key(), k -> new AtomicInteger()).incrementAndGet();
        if (ref.key().contains(DATABASE_DOWN_AFTER_UPLOAD)) {
            LocalServices.Outage outage = LocalServices.outage("postgres");
            databaseBack = new Thread(() -> {
                try {
                    Thread.sleep(DATABASE_OUTAGE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    outage.close();
                }
            }, "database-outage");
            databaseBack.start();
        }
    }

    @Override
    public void checkReachable() {
        real.checkReachable();
    }
}
