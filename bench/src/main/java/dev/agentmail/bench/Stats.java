package dev.agentmail.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, spreads and percentiles of measured figures. */
final class Stats {
    private Stats() {
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median (min–max)", the way every repeated figure is reported. */
    static String spread(List<Double> values, String format) {
        return String.format(format, median(values)) + " (" + String.format(format, Collections.min(values)) + "–"
            + String.format(format, Collections.max(values)) + ")";
    }
}
