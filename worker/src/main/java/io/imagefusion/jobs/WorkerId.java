package io.imagefusion.jobs;

/** This process's identity in job rows and result events. */
public record WorkerId(String value) {

    @Override
    public String toString() {
        return value;
    }
}
