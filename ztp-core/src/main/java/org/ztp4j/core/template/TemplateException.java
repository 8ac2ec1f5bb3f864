package org.ztp4j.core.template;

/**
 * A template could not be rendered: a variable it names has no value for the device, it does not
 * exist, or it does not parse. The message names the template, the device and what is wrong, so
 * that a config is never served with a hole in it.
 */
public class TemplateException extends RuntimeException {

    private final String template;
    private final String device;
    private final String variable;

    /**
     * @param template the template's name
     * @param device   the device it was rendered for (a label), or {@code null}
     * @param variable the missing variable, or {@code null} when the problem is not a variable
     * @param message  what is wrong
     * @param cause    the underlying error, or {@code null}
     */
    public TemplateException(String template, String device, String variable, String message, Throwable cause) {
        super("template " + template + (device == null ? "" : " for device " + device) + ": " + message, cause);
        this.template = template;
        this.device = device;
        this.variable = variable;
    }

    /** @return the template's name */
    public String template() {
        return template;
    }

    /** @return the device label, or {@code null} */
    public String device() {
        return device;
    }

    /** @return the missing variable, or {@code null} */
    public String variable() {
        return variable;
    }
}
