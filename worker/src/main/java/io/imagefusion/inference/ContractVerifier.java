package io.imagefusion.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a session's inputs and outputs (names, element type, rank, fixed dimensions) with the contract.
 * A dimension the graph leaves symbolic is accepted where the contract fixes it.
 */
final class ContractVerifier {

    private ContractVerifier() {
    }

    static void verify(ModelContract contract, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        List<String> problems = new ArrayList<>();
        compare("input", contract.inputs(), inputs, problems);
        compare("output", contract.outputs(), outputs, problems);
        if (!problems.isEmpty()) {
            throw new ModelContractException("model " + contract.name() + " " + contract.version()
                    + " does not match its contract: " + String.join("; ", problems));
        }
    }

    private static void compare(String kind, List<TensorSpec> specs, Map<String, NodeInfo> actual,
            List<String> problems) {
        TreeSet<String> expectedNames = new TreeSet<>();
        specs.forEach(spec -> expectedNames.add(spec.name()));
        if (!expectedNames.equals(new TreeSet<>(actual.keySet()))) {
            problems.add(kind + " names are " + new TreeSet<>(actual.keySet()) + ", contract says " + expectedNames);
            return;
        }
        for (TensorSpec spec : specs) {
            if (!(actual.get(spec.name()).getInfo() instanceof TensorInfo info)) {
                problems.add(kind + " " + spec.name() + " is not a tensor");
                continue;
            }
            if (!"float32".equals(spec.dtype()) || info.type != OnnxJavaType.FLOAT) {
                problems.add(kind + " " + spec.name() + " is " + info.type + ", contract says " + spec.dtype());
            }
            long[] shape = info.getShape();
            if (shape.length != spec.shape().size()) {
                problems.add(kind + " " + spec.name() + " has rank " + shape.length + ", contract says "
                        + spec.shape().size());
                continue;
            }
            for (int d = 0; d < shape.length; d++) {
                // ONNX Runtime reports symbolic dimensions as -1; the run checks the actual sizes
                if (spec.shape().get(d) instanceof Number fixed && shape[d] >= 0 && shape[d] != fixed.longValue()) {
                    problems.add(kind + " " + spec.name() + " dimension " + d + " is " + shape[d]
                            + ", contract says " + fixed);
                }
            }
        }
    }
}
