package io.imagefusion.inference;

import ai.onnxruntime.OrtException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * The process's one fusion model: opened and contract-checked at start-up (a mismatch stops the start),
 * shared by all jobs with at most {@code fusion.inference.max-concurrency} runs at once, closed on shutdown.
 */
@Startup
@ApplicationScoped
public class FusionModel {

    private static final Logger LOG = Logger.getLogger(FusionModel.class);

    private final InferenceConfig config;
    private FusionSession session;
    private Semaphore permits;

    FusionModel(InferenceConfig config) {
        this.config = config;
    }

    @PostConstruct
    void open() throws OrtException {
        Path model = config.modelPath();
        ModelContract contract = ModelContract.read(config.contractPath().orElse(ModelContract.besideModel(model)));
        session = FusionSession.open(model, contract, config.provider(), config.cudaDevice(), config.intraOpThreads());
        permits = new Semaphore(config.maxConcurrency(), true);
        LOG.infof("model %s %s loaded from %s: provider %s (requested %s), %d concurrent run(s), intra-op threads %s",
                contract.name(), contract.version(), model, session.activeProvider(), config.provider(),
                config.maxConcurrency(), config.intraOpThreads() == 0 ? "default" : config.intraOpThreads());
    }

    /** Runs the model, waiting for a free slot first. */
    public FusionOutput fuse(float[] ir, float[] vis, int height, int width) throws OrtException, InterruptedException {
        permits.acquire();
        try {
            return session.run(ir, vis, height, width);
        } finally {
            permits.release();
        }
    }

    public ModelContract contract() {
        return session.contract();
    }

    public Provider activeProvider() {
        return session.activeProvider();
    }

    @PreDestroy
    void close() throws OrtException {
        session.close();
    }
}
