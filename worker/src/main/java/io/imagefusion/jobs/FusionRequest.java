package io.imagefusion.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.imagefusion.imaging.OutputFormat;
import io.imagefusion.storage.ObjectRef;
import java.util.List;

/** A fusion request after schema validation (see {@code schemas/fusion-request.v1.schema.json}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FusionRequest(int schemaVersion, String jobId, String task, List<Source> sources, Target output,
        Options options) {

    public static final String INFRARED_VISIBLE = "infrared-visible";

    /** One source object and its role. */
    public record Source(String role, String bucket, String key) {
        ObjectRef ref() {
            return new ObjectRef(bucket, key);
        }
    }

    /** The requested output location. */
    public record Target(String bucket, String key) {
    }

    /** Output options; absent fields take the schema's defaults. */
    public record Options(String format, String normalization) {
    }

    public ObjectRef infrared() {
        return source("infrared");
    }

    public ObjectRef visible() {
        return source("visible");
    }

    private ObjectRef source(String role) {
        return sources.stream().filter(s -> role.equals(s.role())).findFirst().orElseThrow().ref();
    }

    public OutputFormat format() {
        return options != null && "tiff".equals(options.format()) ? OutputFormat.TIFF : OutputFormat.PNG;
    }

    public boolean rawOutput() {
        return options != null && "raw".equals(options.normalization());
    }

    /** The requested output, or {@code <defaultBucket>/jobs/<jobId>/fused.<ext>}. */
    public ObjectRef outputRef(String defaultBucket) {
        if (output != null) {
            return new ObjectRef(output.bucket(), output.key());
        }
        return new ObjectRef(defaultBucket, "jobs/" + jobId + "/fused." + format().extension());
    }
}
