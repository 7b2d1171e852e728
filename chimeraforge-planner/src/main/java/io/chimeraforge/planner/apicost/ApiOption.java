package io.chimeraforge.planner.apicost;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The same workload priced through one hosted API model.
 *
 * @param key                     {@code provider:model}
 * @param provider                the provider's key
 * @param name                    the model's name for people
 * @param priceClass              {@code open} (like-for-like with self-hosting an open model) or {@code frontier}
 * @param inputPer1mUsd           USD per million input tokens
 * @param outputPer1mUsd          USD per million output tokens
 * @param monthlyCostUsd          the workload's monthly bill through this API, rounded to cents
 * @param costPerRequestUsd       one request's cost, rounded to 6 decimals
 * @param breakevenOutputTokensMonth the monthly output-token volume at which this API costs what
 *                                self-hosting costs; empty when the request has no output or no price
 * @param selfHostCheaper         whether self-hosting costs less than this API at the workload's volume
 */
public record ApiOption(String key, String provider, String name, String priceClass, double inputPer1mUsd,
        double outputPer1mUsd, double monthlyCostUsd, double costPerRequestUsd,
        OptionalLong breakevenOutputTokensMonth, boolean selfHostCheaper) {

    /** Checks the texts. */
    public ApiOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(priceClass, "priceClass");
        Objects.requireNonNull(breakevenOutputTokensMonth, "breakevenOutputTokensMonth");
    }
}
