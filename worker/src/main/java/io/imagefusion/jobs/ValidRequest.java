package io.imagefusion.jobs;

/** A request that passed the schema and the access rules, with the JSON it came from. */
public record ValidRequest(FusionRequest request, String json) {

    public String jobId() {
        return request.jobId();
    }
}
