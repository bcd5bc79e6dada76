package io.imagefusion.inference;

import ai.onnxruntime.OrtException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The process's one fusion model: opened and contract-checked at start-up (a mismatch stops the start),
 * shared by all jobs with at most {@code fusion.inference.max-concurrency} runs at once, closed on shutdown.
 * Images larger than one tile run tile by tile ({@link TiledFusion}); the contract's output mapping is applied
 * to the whole raw image here, never per tile.
 */
@Startup
@ApplicationScoped
public class FusionModel {

    private static final Logger LOG = Logger.getLogger(FusionModel.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final InferenceConfig config;
    private FusionSession session;
    private TiledFusion tiling;
    private Semaphore permits;

    FusionModel(InferenceConfig config) {
        this.config = config;
    }

    @PostConstruct
    void open() throws OrtException {
        Path model = config.modelPath();
        ModelContract contract = ModelContract.read(config.contractPath().orElse(ModelContract.besideModel(model)));
        tiling = new TiledFusion(config.tileSize(), config.tileOverlap(), contract.minSize());
        session = FusionSession.open(model, contract, config.provider(), config.cudaDevice(), config.intraOpThreads());
        permits = new Semaphore(config.maxConcurrency(), true);
        LOG.infof("model %s %s loaded from %s: provider %s (requested %s), %d concurrent run(s), intra-op threads %s,"
                + " tiles of %d+%d px, output mapping %s", contract.name(), contract.version(), model,
                session.activeProvider(), config.provider(), config.maxConcurrency(),
                config.intraOpThreads() == 0 ? "default" : config.intraOpThreads(), config.tileSize(),
                config.tileOverlap(), contract.outputMapping());
    }

    /**
     * Runs the model, waiting for a free slot first.
     *
     * @throws InterruptedException while waiting, or between tiles: the worker is stopping
     */
    public FusionOutput fuse(float[] ir, float[] vis, int height, int width) throws OrtException, InterruptedException {
        permits.acquire();
        float[] raw;
        try {
            raw = tiling.fitsOneTile(height, width) ? session.runRaw(ir, vis, height, width)
                    : tiling.run(session::runRaw, ir, vis, height, width);
        } finally {
            permits.release();
        }
        return new FusionOutput(session.contract().outputMapping().apply(raw), raw);
    }

    public ModelContract contract() {
        return session.contract();
    }

    public Provider activeProvider() {
        return session.activeProvider();
    }

    /**
     * Closes the session once no run is in progress: closing it under a run would free memory the run still
     * uses. A run that does not end in time is left to the process exit, which frees everything anyway.
     */
    @PreDestroy
    void close() throws OrtException, InterruptedException {
        if (permits.tryAcquire(config.maxConcurrency(), CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            session.close();
        } else {
            LOG.warn("a model run is still in progress at shutdown; leaving the session to the process exit");
        }
    }
}
