package io.imagefusion.cli;

import io.imagefusion.evaluation.EvaluateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * {@code java -jar quarkus-run.jar evaluate ...} runs the metrics command without booting Quarkus (no Kafka,
 * database or model needed); any other arguments start the worker.
 */
@QuarkusMain
public final class Main {

    static final String EVALUATE = "evaluate";

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && EVALUATE.equals(args[0])) {
            System.exit(EvaluateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
