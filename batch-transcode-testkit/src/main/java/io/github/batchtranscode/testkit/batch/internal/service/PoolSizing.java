package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pool's wanted size: its {@code targetDedicatedNodes}/{@code targetLowPriorityNodes}, or with
 * {@code enableAutoScale} the last literal {@code $TargetDedicatedNodes = N;}/{@code $TargetLowPriorityNodes = N;}
 * assignment of its formula. Other formulas are not evaluated: their targets count as 0 (see the README).
 */
public record PoolSizing(int dedicated, int lowPriority) {
    private static final Pattern ASSIGN = Pattern.compile(
            "\\$(TargetDedicatedNodes|TargetLowPriorityNodes)\\s*=\\s*(\\d{1,6})\\s*;");

    int total() {
        return dedicated + lowPriority;
    }

    public static PoolSizing of(JsonNode spec) {
        if (spec.path("enableAutoScale").asBoolean(false)) {
            return fromFormula(spec.path("autoScaleFormula").asText(""));
        }
        return new PoolSizing(Math.max(0, spec.path("targetDedicatedNodes").asInt(0)),
                Math.max(0, spec.path("targetLowPriorityNodes").asInt(0)));
    }

    public static PoolSizing fromFormula(String formula) {
        int dedicated = 0;
        int low = 0;
        Matcher m = ASSIGN.matcher(formula);
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            if (m.group(1).equals("TargetDedicatedNodes")) {
                dedicated = n;
            } else {
                low = n;
            }
        }
        return new PoolSizing(dedicated, low);
    }
}
