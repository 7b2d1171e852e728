package io.chimeraforge.planner;

/** The gates a configuration must pass, in the order the planner applies them. */
public enum Gate {
    VRAM("vram", 0),
    QUALITY("quality", 1),
    SAFETY("safety", 2),
    FORMAT("format", -1),
    THROUGHPUT("throughput", 3),
    LATENCY("latency", 4),
    BUDGET("budget", 5);

    private final String id;
    private final int summaryRank;

    Gate(String id, int summaryRank) {
        this.id = id;
        this.summaryRank = summaryRank;
    }

    /** The identifier used in traces and messages ({@code "vram"}). */
    public String id() {
        return id;
    }

    /**
     * How far along a model got when this gate stopped it, for the why-nothing-fit summary: the
     * furthest gate wins. The format gate ranks lowest, as in the reference.
     */
    public int summaryRank() {
        return summaryRank;
    }
}
