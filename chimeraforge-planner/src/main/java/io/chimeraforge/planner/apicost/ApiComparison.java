package io.chimeraforge.planner.apicost;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Is self-hosting worth it at this volume? The plan's workload priced through every API model of a
 * price snapshot, cheapest first, each with the monthly output-token volume at which it costs what
 * the self-hosted deployment costs (self-hosting is a fixed monthly bill; an API bill grows with
 * volume).
 *
 * <pre>{@code
 * ApiComparison c = ApiComparison.of(ApiPrices.bundled(), best.monthlyCostUsd(), 2.0, 512, 128, LocalDate.now());
 * if (c.pricesStale()) log.warn("API prices are {} days old", c.pricesAgeDays());
 * }</pre>
 *
 * @param selfHostMonthlyUsd the self-hosted deployment's monthly cost, rounded to cents
 * @param requestsPerMonth   requests a month at the planned rate (30 days), rounded half to even
 * @param promptTokens       input tokens per request
 * @param outputTokens       output tokens per request, reasoning tokens included (billed as output)
 * @param pricesCapturedAt   when the snapshot's prices were read
 * @param pricesAgeDays      the snapshot's age in days, never negative
 * @param pricesStale        whether the age exceeds {@value #STALE_AFTER_DAYS} days
 * @param sources            provider key → the page its prices were read from
 * @param options            one per API model, cheapest first (ties in file order)
 */
public record ApiComparison(double selfHostMonthlyUsd, long requestsPerMonth, int promptTokens, int outputTokens,
        LocalDate pricesCapturedAt, long pricesAgeDays, boolean pricesStale, Map<String, String> sources,
        List<ApiOption> options) {

    /** Prices older than this many days are stale. */
    public static final int STALE_AFTER_DAYS = 90;
    /** Seconds in the 30-day month all monthly figures use. */
    public static final double SECONDS_PER_MONTH = 2_592_000;
    private static final double TOKENS_PER_MILLION = 1_000_000;

    /** Copies the collections. */
    public ApiComparison {
        Objects.requireNonNull(pricesCapturedAt, "pricesCapturedAt");
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        options = List.copyOf(options);
    }

    /**
     * Prices the workload through every model of {@code prices}.
     *
     * @param prices             the price snapshot
     * @param selfHostMonthlyUsd the self-hosted deployment's monthly cost (the plan's recommendation)
     * @param requestRate        requests per second actually served (the plan's rate × duty cycle); below 0 counts as 0
     * @param promptTokens       input tokens per request, ≥ 0
     * @param outputTokens       output tokens per request including reasoning tokens, ≥ 0
     * @param today              the date the snapshot's age is counted to
     */
    public static ApiComparison of(ApiPrices prices, double selfHostMonthlyUsd, double requestRate, int promptTokens,
            int outputTokens, LocalDate today) {
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(today, "today");
        if (promptTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, got prompt " + promptTokens + ", output "
                    + outputTokens);
        }
        long age = Math.max(ChronoUnit.DAYS.between(prices.capturedAt(), today), 0);
        double requests = Math.max(requestRate, 0) * SECONDS_PER_MONTH;
        List<ApiOption> options = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (ApiPrices.Provider p : prices.providers()) {
            sources.put(p.key(), p.sourceUrl());
            for (ApiPrices.Model m : p.models()) {
                double perRequest = (promptTokens * m.inputPer1mUsd() + outputTokens * m.outputPer1mUsd())
                        / TOKENS_PER_MILLION;
                double monthly = perRequest * requests;
                double costPerRequest = requests > 0 ? monthly / requests : 0.0;
                OptionalLong breakeven = outputTokens <= 0 || perRequest <= 0 ? OptionalLong.empty()
                        : OptionalLong.of((long) Math.rint(selfHostMonthlyUsd / perRequest * outputTokens));
                options.add(new ApiOption(p.key() + ":" + m.key(), p.key(), m.name(), p.priceClass(),
                        m.inputPer1mUsd(), m.outputPer1mUsd(), monthly, costPerRequest, breakeven,
                        selfHostMonthlyUsd < monthly));
            }
        }
        options.sort(Comparator.comparingDouble(ApiOption::monthlyCostUsd)); // stable: ties keep file order
        List<ApiOption> rounded = options.stream().map(o -> new ApiOption(o.key(), o.provider(), o.name(),
                o.priceClass(), o.inputPer1mUsd(), o.outputPer1mUsd(), PyNumbers.round(o.monthlyCostUsd(), 2),
                PyNumbers.round(o.costPerRequestUsd(), 6), o.breakevenOutputTokensMonth(), o.selfHostCheaper()))
                .toList();
        return new ApiComparison(PyNumbers.round(selfHostMonthlyUsd, 2), (long) Math.rint(requests), promptTokens,
                outputTokens, prices.capturedAt(), age, age > STALE_AFTER_DAYS, sources, rounded);
    }

    /**
     * Writes the comparison as the reference's {@code api_comparison} object: snake_case keys,
     * numbers as Python prints them, the break-even as an integer or {@code null}.
     */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        Json.writePyNumberField(g, "self_host_monthly_usd", selfHostMonthlyUsd);
        g.writeNumberField("requests_per_month", requestsPerMonth);
        g.writeNumberField("prompt_tokens", promptTokens);
        g.writeNumberField("output_tokens", outputTokens);
        g.writeStringField("prices_captured_at", pricesCapturedAt.toString());
        g.writeNumberField("prices_age_days", pricesAgeDays);
        g.writeBooleanField("prices_stale", pricesStale);
        g.writeObjectFieldStart("sources");
        for (Map.Entry<String, String> s : sources.entrySet()) {
            g.writeStringField(s.getKey(), s.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("options");
        for (ApiOption o : options) {
            g.writeStartObject();
            g.writeStringField("key", o.key());
            g.writeStringField("provider", o.provider());
            g.writeStringField("name", o.name());
            g.writeStringField("class", o.priceClass());
            Json.writePyNumberField(g, "input_per_1m_usd", o.inputPer1mUsd());
            Json.writePyNumberField(g, "output_per_1m_usd", o.outputPer1mUsd());
            Json.writePyNumberField(g, "monthly_cost_usd", o.monthlyCostUsd());
            Json.writePyNumberField(g, "cost_per_request_usd", o.costPerRequestUsd());
            if (o.breakevenOutputTokensMonth().isPresent()) {
                g.writeNumberField("breakeven_output_tokens_month", o.breakevenOutputTokensMonth().getAsLong());
            } else {
                g.writeNullField("breakeven_output_tokens_month");
            }
            g.writeBooleanField("self_host_cheaper", o.selfHostCheaper());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
