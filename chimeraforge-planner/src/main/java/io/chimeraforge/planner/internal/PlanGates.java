package io.chimeraforge.planner.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.FormatFamily;
import io.chimeraforge.planner.Gate;
import io.chimeraforge.planner.GateCheck;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Rejection;
import java.util.List;

/**
 * The gates a (model, quantization) and then each backend must pass before the replica search:
 * one list for the search, which stops at the first failure and records it in the trace, and for
 * the capacity check, which reports every verdict with its numbers. A gate owns its verdict and
 * both wordings, so the two can never disagree on what passes.
 *
 * <p>The throughput, latency and budget gates are still evaluated inside the (replicas, batch)
 * search of {@link SearchEngine}, whose loop they steer.
 */
final class PlanGates {

    /** What a gate reads: the run, the target model, its memory fit and cell, and the backend (format gate). */
    static final class Input {
        SearchEngine.Run run;
        SearchEngine.Target target;
        SearchEngine.MemoryFit fit;
        SearchEngine.Cell cell;
        Backend backend;
    }

    /** One gate: its verdict, the search's trace line and the check's report. */
    interface PlanGate {
        boolean passes(Input in);

        /** The trace line when {@link #passes} is false (the search's wording). */
        Rejection rejection(Input in);

        /** The verdict with its numbers (the capacity check's wording). */
        GateCheck report(Input in);
    }

    /** Gates of a (model, quantization), in order: VRAM, quality, safety. */
    static final List<PlanGate> MODEL_GATES = List.of(new VramGate(), new QualityGate(), new SafetyGate());
    /** The gate of each backend: it must serve the checkpoint format (and FP8 needs FP8 tensor cores). */
    static final PlanGate FORMAT = new FormatGate();

    /** Format-gate details are fixed per (backend, family): built once, not per rejection. */
    private static final String[][] FORMAT_DETAILS = formatDetails();

    private PlanGates() {
    }

    private static String[][] formatDetails() {
        String[][] details = new String[Backend.values().length][FormatFamily.values().length];
        for (Backend backend : Backend.values()) {
            for (FormatFamily family : FormatFamily.values()) {
                details[backend.ordinal()][family.ordinal()] =
                        backend.id() + " does not serve " + family.id() + " checkpoints";
            }
        }
        return details;
    }

    private static final class VramGate implements PlanGate {
        @Override
        public boolean passes(Input in) {
            return in.fit.loraSizable && in.fit.vram <= in.run.gpuVramGb;
        }

        @Override
        public Rejection rejection(Input in) {
            String id = in.target.id;
            String quant = in.cell.quant;
            if (!in.fit.loraSizable) {
                return new Rejection(id, quant, Gate.VRAM, "multi-LoRA needs the model's hidden_size to size"
                        + " adapters exactly; pass --hidden-size or use a model the resolver can read a config for");
            }
            StringBuilder detail = new StringBuilder()
                    .append(PyNumbers.fixed(in.fit.vram, 1)).append("GB/GPU > ")
                    .append(PyNumbers.fixed(in.run.gpuVramGb, 0)).append("GB");
            if (in.cell.tp > 1) {
                detail.append(" (TP=").append(in.cell.tp).append(')');
            } else if (in.cell.pp > 1) {
                detail.append(" (PP=").append(in.cell.pp).append(')');
            }
            if (in.run.request.allowOffload()) {
                detail.append(" (offload cannot help: KV+activations alone exceed VRAM)");
            }
            return new Rejection(id, quant, Gate.VRAM, detail.toString());
        }

        @Override
        public GateCheck report(Input in) {
            if (!in.fit.loraSizable) {
                return GateCheck.unmeasured(Gate.VRAM, false, "multi-LoRA needs the model's hidden_size to size adapters");
            }
            boolean fits = passes(in);
            double vram = in.fit.vram;
            double capacity = in.run.gpuVramGb;
            String detail = PyNumbers.fixed(vram, 2) + "GB/GPU " + (fits ? "<=" : ">") + " "
                    + PyNumbers.fixed(capacity, 0) + "GB" + (in.fit.offloadFraction > 0 ? " with "
                    + PyNumbers.percent(in.fit.offloadFraction, 0) + " of weights offloaded to host RAM" : "");
            return GateCheck.measured(Gate.VRAM, fits, vram, capacity, GateCheck.Bound.AT_MOST, "GB", detail);
        }
    }

    private static final class QualityGate implements PlanGate {
        @Override
        public boolean passes(Input in) {
            return !(in.cell.quality.value() < in.run.request.qualityTarget());
        }

        @Override
        public Rejection rejection(Input in) {
            double quality = in.cell.quality.value();
            double target = in.run.request.qualityTarget();
            return Rejection.deferred(in.target.id, in.cell.quant, Gate.QUALITY,
                    () -> PyNumbers.fixed(quality, 2) + " < target " + PyNumbers.repr(target));
        }

        @Override
        public GateCheck report(Input in) {
            double quality = in.cell.facts.quality.value();
            double target = in.run.request.qualityTarget();
            boolean ok = quality >= target;
            return GateCheck.measured(Gate.QUALITY, ok, quality, target, GateCheck.Bound.AT_LEAST, "score",
                    PyNumbers.fixed(quality, 3) + " (" + in.cell.facts.quality.provenance().id() + ") "
                            + (ok ? ">=" : "<") + " target " + PyNumbers.repr(target));
        }
    }

    private static final class SafetyGate implements PlanGate {
        @Override
        public boolean passes(Input in) {
            PlanRequest req = in.run.request;
            return !(req.safetyTarget().isPresent() && in.cell.refusal.isPresent()
                    && in.cell.refusal.getAsDouble() < req.safetyTarget().getAsDouble());
        }

        @Override
        public Rejection rejection(Input in) {
            return new Rejection(in.target.id, in.cell.quant, Gate.SAFETY, "refusal "
                    + PyNumbers.fixed(in.cell.refusal.getAsDouble(), 2) + " < target "
                    + PyNumbers.repr(in.run.request.safetyTarget().getAsDouble()));
        }

        @Override
        public GateCheck report(Input in) {
            PlanRequest req = in.run.request;
            if (req.safetyTarget().isEmpty()) {
                return GateCheck.unmeasured(Gate.SAFETY, true, "no safety target set");
            }
            if (in.cell.facts.refusal.isEmpty()) {
                return GateCheck.unmeasured(Gate.SAFETY, true, "refusal rate not screened (no TR134/TR142 data);"
                        + " passes unverified");
            }
            double target = req.safetyTarget().getAsDouble();
            double refusal = in.cell.facts.refusal.getAsDouble();
            boolean safe = refusal >= target;
            return GateCheck.measured(Gate.SAFETY, safe, refusal, target, GateCheck.Bound.AT_LEAST, "rate",
                    "refusal " + PyNumbers.fixed(refusal, 3) + " " + (safe ? ">=" : "<") + " target "
                            + PyNumbers.repr(target));
        }
    }

    private static final class FormatGate implements PlanGate {
        private static boolean served(Input in) {
            return in.backend.serves(in.cell.family);
        }

        private static boolean fp8Ok(Input in) {
            return !in.cell.quant.equals("FP8") || in.run.gpu.fp8Supported();
        }

        @Override
        public boolean passes(Input in) {
            return served(in) && fp8Ok(in);
        }

        @Override
        public Rejection rejection(Input in) {
            String detail = !served(in) ? FORMAT_DETAILS[in.backend.ordinal()][in.cell.family.ordinal()]
                    : in.run.request.hardware() + " has no FP8 tensor cores";
            return new Rejection(in.target.id, in.cell.quant, Gate.FORMAT, detail);
        }

        @Override
        public GateCheck report(Input in) {
            boolean served = served(in);
            String detail = !served ? FORMAT_DETAILS[in.backend.ordinal()][in.cell.family.ordinal()]
                    : !fp8Ok(in) ? in.run.gpu.name() + " has no FP8 tensor cores"
                    : in.backend.id() + " serves " + in.cell.family.id() + " checkpoints";
            return GateCheck.unmeasured(Gate.FORMAT, passes(in), detail);
        }
    }
}
