package io.imagefusion.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One ONNX Runtime session of the fusion model, checked against its contract when opened.
 * {@link #run} is thread-safe (ONNX Runtime sessions are); callers bound concurrency themselves.
 */
public final class FusionSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FusionSession.class.getName());

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ModelContract contract;
    private final Provider activeProvider;

    private FusionSession(OrtEnvironment environment, OrtSession session, ModelContract contract,
            Provider activeProvider) {
        this.environment = environment;
        this.session = session;
        this.contract = contract;
        this.activeProvider = activeProvider;
    }

    /**
     * Opens the model and verifies it against {@code contract}.
     *
     * @param provider       {@link Provider#AUTO} falls back to CPU when CUDA cannot be used
     * @param intraOpThreads 0 for ONNX Runtime's default
     * @throws ModelContractException when the model does not match the contract
     */
    public static FusionSession open(Path model, ModelContract contract, Provider provider, int cudaDevice,
            int intraOpThreads) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        Provider active;
        if (provider == Provider.CPU) {
            session = create(environment, model, intraOpThreads, -1);
            active = Provider.CPU;
        } else {
            try {
                session = create(environment, model, intraOpThreads, cudaDevice);
                active = Provider.CUDA;
            } catch (OrtException | LinkageError e) {
                if (provider == Provider.CUDA) {
                    throw e;
                }
                // the CPU build, or a GPU build without usable CUDA/cuDNN libraries, lands here
                LOG.info("CUDA execution provider unavailable (" + e.getMessage() + "); falling back to CPU");
                session = create(environment, model, intraOpThreads, -1);
                active = Provider.CPU;
            }
        }
        try {
            ContractVerifier.verify(contract, session.getInputInfo(), session.getOutputInfo());
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
        return new FusionSession(environment, session, contract, active);
    }

    private static OrtSession create(OrtEnvironment environment, Path model, int intraOpThreads, int cudaDevice)
            throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (cudaDevice >= 0) {
                options.addCUDA(cudaDevice);
            }
            return environment.createSession(model.toString(), options);
        }
    }

    /**
     * Fuses one registered pair.
     *
     * @param ir  infrared, row-major {@code height * width} values in 0..1
     * @param vis visible luma, same layout
     */
    public FusionOutput run(float[] ir, float[] vis, int height, int width) throws OrtException {
        long[] shape = {1, 1, height, width};
        try (OnnxTensor irTensor = OnnxTensor.createTensor(environment, direct(ir), shape);
                OnnxTensor visTensor = OnnxTensor.createTensor(environment, direct(vis), shape);
                OrtSession.Result result = session.run(Map.of(
                        ModelContract.INFRARED, irTensor, ModelContract.VISIBLE, visTensor))) {
            FusionOutput output = new FusionOutput(values(result, ModelContract.FUSED),
                    values(result, ModelContract.FUSED_RAW));
            if (output.fused().length != ir.length || output.fusedRaw().length != ir.length) {
                throw new IllegalStateException("model returned " + output.fused().length + " values for a "
                        + width + "x" + height + " input");
            }
            return output;
        }
    }

    private static FloatBuffer direct(float[] values) {
        FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buffer.put(values).flip();
        return buffer;
    }

    private static float[] values(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("model returned no " + name));
        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    public ModelContract contract() {
        return contract;
    }

    public Provider activeProvider() {
        return activeProvider;
    }

    @Override
    public void close() throws OrtException {
        // the OrtEnvironment is a process-wide singleton that ONNX Runtime releases at JVM exit
        session.close();
    }
}
