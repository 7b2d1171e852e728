package io.chimeraforge.cli.internal;

import io.chimeraforge.planner.CandidateJson;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;

/**
 * Start-up overlap for short {@code plan} runs: while the main thread builds the command-line
 * model (picocli's set-up is most of a cold run), a daemon thread loads the bundled catalogs and
 * corpus and runs one throw-away plan, so the classes the real plan needs are loaded, initialised
 * and partly compiled by the time it starts. The warm-up has no effect on results: everything it
 * touches is immutable, and its own result is discarded.
 */
public final class StartupWarmup {

    private StartupWarmup() {
    }

    /** Starts the warm-up for the given command line if it is a plan; returns at once. */
    public static void startFor(String[] args) {
        if (args.length == 0 || !args[0].equals("plan")) {
            return;
        }
        Thread warmup = new Thread(StartupWarmup::warmPlanner, "chimeraforge-warmup");
        warmup.setDaemon(true); // never holds the process open
        warmup.start();
    }

    private static void warmPlanner() {
        try {
            PlanResult result = Planner.builder().build().plan(PlanRequest.defaults());
            CandidateJson.toJson(result.candidates().subList(0, Math.min(1, result.candidates().size())));
        } catch (RuntimeException e) {
            // a warm-up failure changes nothing: the real plan reports its own errors
        }
    }
}
