package org.ztp4j.core.internal;

/**
 * How far apart two spellings are, for "did you mean" in errors about misspelt names (settings,
 * inventory columns): the optimal string alignment form of Damerau-Levenshtein, counting
 * insertions, deletions, substitutions and swaps of two neighbouring characters.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * @param a one text
     * @param b another
     * @return the number of edits that turn one into the other: {@code tranfser} is 1 from {@code transfer}
     */
    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * @param word       what was written
     * @param candidates the known spellings
     * @return the candidate fewest edits away (case ignored; the first wins a tie), or {@code null}
     *         when there are none
     */
    public static String nearest(String word, Iterable<String> candidates) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = between(w, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }
}
