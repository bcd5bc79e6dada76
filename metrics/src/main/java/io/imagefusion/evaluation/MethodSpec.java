package io.imagefusion.evaluation;

/**
 * A method to evaluate, given on the command line as {@code name=location}: a folder of fused images, or a
 * path template containing {@code {pair}} (e.g. {@code CNN=fused_images/{pair}_CNN}).
 */
public record MethodSpec(String name, String location) {
    public static MethodSpec parse(String arg) throws EvaluationException {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw new EvaluationException("expected a method as name=folder or name=template-with-{pair}, got '" + arg + "'");
        }
        String name = arg.substring(0, eq);
        if (!name.matches("[A-Za-z0-9._+-]+")) {
            throw new EvaluationException("method name '" + name + "' may only contain letters, digits and . _ + -");
        }
        return new MethodSpec(name, arg.substring(eq + 1));
    }

    public boolean isTemplate() {
        return location.contains(FusedImages.PAIR);
    }
}
