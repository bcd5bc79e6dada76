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
import java.util.Set;
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
            // The CPU arena keeps the peak of every run for the life of the process (3.5 GB after one
            // 1536x1152 run, never returned). Without it each run's activation plan is one large malloc that
            // goes back to the operating system when the run ends.
            options.setCPUArenaAllocator(false);
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
     * Fuses one registered pair: both outputs of the graph.
     *
     * @param ir  infrared, row-major {@code height * width} values in 0..1
     * @param vis visible luma, same layout
     */
    public FusionOutput run(float[] ir, float[] vis, int height, int width) throws OrtException {
        float[][] both = run(ir, vis, height, width, ModelContract.FUSED, ModelContract.FUSED_RAW);
        return new FusionOutput(both[0], both[1]);
    }

    /** The raw output only ({@code fused_raw}): what tiles are blended on and the output mapping applies to. */
    public float[] runRaw(float[] ir, float[] vis, int height, int width) throws OrtException {
        return run(ir, vis, height, width, ModelContract.FUSED_RAW)[0];
    }

    private float[][] run(float[] ir, float[] vis, int height, int width, String... outputs) throws OrtException {
        long[] shape = {1, 1, height, width};
        try (OnnxTensor irTensor = OnnxTensor.createTensor(environment, direct(ir), shape);
                OnnxTensor visTensor = OnnxTensor.createTensor(environment, direct(vis), shape);
                OrtSession.Result result = session.run(Map.of(
                        ModelContract.INFRARED, irTensor, ModelContract.VISIBLE, visTensor), Set.of(outputs))) {
            float[][] values = new float[outputs.length][];
            for (int i = 0; i < outputs.length; i++) {
                values[i] = values(result, outputs[i]);
                if (values[i].length != ir.length) {
                    throw new IllegalStateException("model returned " + values[i].length + " values of "
                            + outputs[i] + " for a " + width + "x" + height + " input");
                }
            }
            return values;
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
