package io.imagefusion.evaluation;

import java.util.List;

/** A problem with the user's input (arguments, files, images); each message names the file concerned. */
public final class EvaluationException extends Exception {
    private final List<String> problems;

    public EvaluationException(String problem) {
        this(List.of(problem));
    }

    public EvaluationException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
