package io.chimeraforge.core.estimate;

/**
 * Hardware bill and energy: monthly cost of a fleet, $ per million tokens at capacity and at the
 * real load, board-power energy cost and tokens per watt. Energy is reported beside the bill,
 * never inside it (cloud $/hr already includes power).
 */
public final class CostModel {

    /** Billing hours in a month (30 days). */
    public static final double HOURS_PER_MONTH = 720;
    /** Seconds in a month (30 days). */
    public static final double SECONDS_PER_MONTH = 2_592_000;
    /** Average share of board power drawn under load. */
    public static final double POWER_UTILISATION = 0.85;
    /** Default electricity price, $/kWh. */
    public static final double DEFAULT_ELECTRICITY_RATE = 0.12;

    private CostModel() {
    }

    /** Monthly bill of {@code gpus} GPUs at {@code costPerHourUsd} each. */
    public static double monthlyCost(double costPerHourUsd, int gpus) {
        return costPerHourUsd * 24 * 30 * gpus;
    }

    /** $ per million tokens when the fleet runs at {@code totalTps}; +infinity at 0 tok/s. */
    public static double costPerMillionTokens(double costPerHourUsd, int gpus, double totalTps) {
        if (totalTps <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return costPerHourUsd * gpus / (totalTps * 3600) * 1e6;
    }

    /** Tokens a month at the offered load: rate x tokens per request x seconds x duty cycle. */
    public static double tokensServedPerMonth(double requestRate, long decodeTokens, double dutyCycle) {
        return requestRate * decodeTokens * SECONDS_PER_MONTH * dutyCycle;
    }

    /** $ per million tokens actually served; +infinity when nothing is served. */
    public static double effectiveCostPerMillionTokens(double monthlyCost, double tokensPerMonth) {
        if (tokensPerMonth <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return monthlyCost / tokensPerMonth * 1e6;
    }

    /** Board-power energy cost a month; 0 when the TDP is unknown. */
    public static double energyCostPerMonth(double tdpWatts, int gpus, double electricityRate) {
        if (tdpWatts <= 0) {
            return 0.0;
        }
        return tdpWatts / 1000 * POWER_UTILISATION * HOURS_PER_MONTH * gpus * electricityRate;
    }

    /** Energy $ per million tokens at capacity; 0 when TDP or throughput is unknown. */
    public static double energyCostPerMillionTokens(double energyCostPerMonth, double tdpWatts, double totalTps) {
        if (tdpWatts <= 0 || totalTps <= 0) {
            return 0.0;
        }
        return energyCostPerMonth / (totalTps * 3600 * HOURS_PER_MONTH) * 1e6;
    }

    /** Tokens/s per watt of board power under load; 0 when unknown. */
    public static double perfPerWatt(double totalTps, double tdpWatts, int gpus) {
        double watts = tdpWatts * gpus * POWER_UTILISATION;
        if (watts <= 0 || totalTps <= 0) {
            return 0.0;
        }
        return totalTps / watts;
    }
}
