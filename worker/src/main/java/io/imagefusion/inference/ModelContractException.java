package io.imagefusion.inference;

/** The ONNX file does not match the contract shipped with it; the service refuses to start. */
public final class ModelContractException extends RuntimeException {

    public ModelContractException(String message) {
        super(message);
    }
}
