package io.imagefusion.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/** {@link ObjectStore} on the MinIO Java client (any S3-compatible server). */
@ApplicationScoped
public class MinioObjectStore implements ObjectStore {

    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NotFound");
    /** 412 for a failed If-None-Match / If-Match; 409 when a concurrent conditional write won. */
    private static final Set<String> CONDITION_FAILED_CODES = Set.of("PreconditionFailed", "ConditionalRequestConflict");

    private final MinioClient client;
    private final AccessPolicy policy;
    private final long maxObjectBytes;
    private final String probeBucket;

    MinioObjectStore(StorageConfig config) {
        OkHttpClient http = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySockets())
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                .build();
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http, true)
                .build();
        this.policy = new AccessPolicy(config.allowedBuckets(), config.outputBuckets());
        this.maxObjectBytes = config.maxObjectBytes();
        this.probeBucket = config.allowedBuckets().iterator().next();
    }

    @Override
    public byte[] get(ObjectRef ref) {
        policy.check(ref);
        try (GetObjectResponse in = client.getObject(
                GetObjectArgs.builder().bucket(ref.bucket()).object(ref.key()).build())) {
            // the size from the response head, before the body is read: one round trip instead of a stat first
            String length = in.headers().get("Content-Length");
            long size = length == null ? -1 : Long.parseLong(length);
            if (size > maxObjectBytes) {
                throw tooLarge(ref, size + " bytes");
            }
            if (size >= 0) {
                return in.readNBytes((int) size);
            }
            // no length (a chunked response): read one byte past the limit at most
            byte[] bytes = in.readNBytes((int) Math.min(maxObjectBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxObjectBytes) {
                throw tooLarge(ref, "more than " + maxObjectBytes + " bytes");
            }
            return bytes;
        } catch (StorageException e) {
            throw e;
        } catch (MinioException | IOException | RuntimeException e) {
            throw translate(e, "reading", ref);
        }
    }

    private StorageException tooLarge(ObjectRef ref, String size) {
        return new StorageException(StorageException.Kind.TOO_LARGE,
                "object " + ref + " is " + size + ", above the limit of " + maxObjectBytes);
    }

    /**
     * Stat first, then a conditional put, so that the decision holds even if another writer races us: on a
     * new key {@code If-None-Match: *}, on the owner's own object {@code If-Match} its ETag. A server that
     * ignores these headers still gets the stat's protection, without the race guard.
     */
    @Override
    public void put(ObjectRef ref, byte[] bytes, String contentType, String owner) {
        policy.checkWrite(ref);
        Optional<StatObjectResponse> existing = stat(ref);
        if (existing.isEmpty()) {
            putConditionally(ref, bytes, contentType, owner, "If-None-Match", "*");
        } else if (owner.equals(OwnerMark.of(existing.get()))) {
            putConditionally(ref, bytes, contentType, owner, "If-Match", OwnerMark.quoted(existing.get().etag()));
        } else {
            throw occupied(ref, owner);
        }
    }

    /** Package-private so that a test can show the server enforces the condition (not only our stat). */
    void putConditionally(ObjectRef ref, byte[] bytes, String contentType, String owner, String header,
            String value) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(ref.bucket()).object(ref.key())
                    .data(bytes, bytes.length).contentType(contentType)
                    .userMetadata(OwnerMark.metadata(owner))
                    .headers(Map.of(header, value)).build());
        } catch (MinioException | RuntimeException e) {
            ErrorResponseException response = errorResponse(e);
            if (response != null && CONDITION_FAILED_CODES.contains(response.errorResponse().code())) {
                // another writer created or replaced the object between our stat and our put
                throw occupied(ref, owner);
            }
            throw translate(e, "writing", ref);
        }
    }

    private Optional<StatObjectResponse> stat(ObjectRef ref) {
        try {
            return Optional.of(client.statObject(StatObjectArgs.builder().bucket(ref.bucket()).object(ref.key()).build()));
        } catch (MinioException | RuntimeException e) {
            StorageException failure = translate(e, "checking", ref);
            if (failure.kind() == StorageException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    private static StorageException occupied(ObjectRef ref, String owner) {
        return new StorageException(StorageException.Kind.OCCUPIED, "output " + ref
                + " already holds an object that job " + owner + " did not write; it is left unchanged");
    }

    @Override
    public void checkReachable() {
        try {
            client.bucketExists(BucketExistsArgs.builder().bucket(probeBucket).build());
        } catch (MinioException | RuntimeException e) {
            throw translate(e, "probing", new ObjectRef(probeBucket, ""));
        }
    }

    /**
     * The client reports connection failures as runtime exceptions wrapping the IOException, hence the broad
     * catches above. Keeps the S3 error code and the exception class only: the client's own messages can carry HTTP traces
     * with request headers, which must not reach logs, job rows or events.
     */
    private static StorageException translate(Exception e, String action, ObjectRef ref) {
        ErrorResponseException response = errorResponse(e);
        if (response != null) {
            String code = response.errorResponse().code();
            if (NOT_FOUND_CODES.contains(code)) {
                return new StorageException(StorageException.Kind.NOT_FOUND, "object " + ref + " does not exist");
            }
            return new StorageException(StorageException.Kind.UNAVAILABLE,
                    "object store refused " + action + " " + ref + ": " + code);
        }
        return new StorageException(StorageException.Kind.UNAVAILABLE,
                "object store unavailable while " + action + " " + ref + ": " + rootCause(e).getClass().getSimpleName());
    }

    private static ErrorResponseException errorResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException response) {
                return response;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
