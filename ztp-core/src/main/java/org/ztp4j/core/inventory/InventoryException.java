package org.ztp4j.core.inventory;

import java.util.List;

/**
 * An inventory could not be loaded. The message lists every problem found, each with the file and
 * line it is on ({@code devices.csv:7: mac: 'zz:..' is not ...}), so one run shows them all.
 */
public class InventoryException extends RuntimeException {

    private final List<String> problems;

    /**
     * @param problems each problem, already prefixed with file and line
     */
    public InventoryException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, each prefixed with file and line */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        int shown = Math.min(problems.size(), 20);
        String head = String.join("\n  ", problems.subList(0, shown));
        return problems.size() + " problems:\n  " + head + (shown < problems.size() ? "\n  ..." : "");
    }
}
