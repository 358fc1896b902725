package dev.zirconffm.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-round ns/op of the C baselines, by measure name, merged over the runs. */
final class Samples {

    private final Map<String, List<Double>> byName = new LinkedHashMap<>();

    /** Adds lines {@code name v1 v2 ...} as printed by zxbench. */
    void addCOutput(List<String> lines) {
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            List<Double> values = byName.computeIfAbsent(f[0], k -> new ArrayList<>());
            for (int i = 1; i < f.length; i++) {
                values.add(Double.parseDouble(f[i]));
            }
        }
    }

    /** Median of the rounds of {@code name}, or NaN if it was not measured. */
    double median(String name) {
        List<Double> values = byName.get(name);
        return values == null ? Double.NaN : median(values);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
