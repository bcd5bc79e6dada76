package io.imagefusion.imaging;

/** Encodings the service writes; both 8 bits per channel. */
public enum OutputFormat {
    PNG("png", "image/png", "png"),
    TIFF("tiff", "image/tiff", "tiff");

    private final String imageIoName;
    private final String contentType;
    private final String extension;

    OutputFormat(String imageIoName, String contentType, String extension) {
        this.imageIoName = imageIoName;
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    String imageIoName() {
        return imageIoName;
    }
}
