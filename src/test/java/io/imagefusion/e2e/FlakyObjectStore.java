package io.imagefusion.e2e;

import io.imagefusion.storage.MinioObjectStore;
import io.imagefusion.storage.ObjectRef;
import io.imagefusion.storage.ObjectStore;
import io.imagefusion.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real store, except that reads of keys containing {@code outage-<n>} fail as UNAVAILABLE the first n
 * times and keys containing {@code outage-forever} always do: an object-store outage on demand.
 * Enabled only by {@link StorageOutageTest.Outage}.
 */
@Alternative
@ApplicationScoped
public class FlakyObjectStore implements ObjectStore {

    private static final Pattern OUTAGE = Pattern.compile("outage-(\\d+)");

    private final MinioObjectStore real;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    FlakyObjectStore(MinioObjectStore real) {
        this.real = real;
    }

    @Override
    public byte[] get(ObjectRef ref) {
        int allowed = ref.key().contains("outage-forever") ? Integer.MAX_VALUE : outageLength(ref.key());
        AtomicInteger served = failures.computeIfAbsent(ref.key(), k -> new AtomicInteger());
        if (served.get() < allowed) {
            served.incrementAndGet();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "object store unavailable while reading " + ref);
        }
        return real.get(ref);
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
    }

    @Override
    public void checkReachable() {
        real.checkReachable();
    }
}
