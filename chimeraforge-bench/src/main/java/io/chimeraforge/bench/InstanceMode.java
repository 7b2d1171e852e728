package io.chimeraforge.bench;

/** How requests are spread over several base URLs. */
public enum InstanceMode {
    /** Request i goes to URL i mod n. */
    ROUND_ROBIN,
    /** Closed loops: worker w always uses URL w mod n (one instance per agent); open loop: as round robin. */
    PER_WORKER
}
