package io.chimeraforge.cli;

import io.chimeraforge.eval.EvalException;
import io.chimeraforge.eval.EvalRun;
import io.chimeraforge.eval.EvalTasks;
import io.chimeraforge.eval.QualityScorer;
import io.chimeraforge.eval.QualityScore;
import io.chimeraforge.eval.ScoringMode;
import io.chimeraforge.cli.internal.PyNumberConverters;
import io.chimeraforge.core.PyNumbers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge eval}: score predictions against references (files, JSONL pairs or a
 * built-in task). {@code --compat reference} reproduces the reference's dependency-free numbers
 * and JSON exactly; the default uses rouge-score's ROUGE-L.
 */
@Command(name = "eval", sortOptions = false, usageHelpAutoWidth = true,
        description = "Score output quality: exact match, ROUGE-L, BERTScore (when a model is available), coherence,"
                + " composite and tier.")
final class EvalCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    EvalCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--predictions", "-p"}, description = "Predictions, one per line.")
    Path predictions;
    @Option(names = {"--references", "-r"}, description = "References, one per line.")
    Path references;
    @Option(names = "--pairs", description = "JSONL file of {\"prediction\": …, \"reference\": …} objects (multi-line texts welcome).")
    Path pairs;
    @Option(names = {"--task", "-t"}, description = "Built-in task; see --list-tasks.")
    String task;
    @Option(names = {"--model", "-m"}, defaultValue = "unknown", description = "Model name recorded in the result (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"--quant", "-q"}, description = "Quantization recorded in the result.")
    String quant;
    @Option(names = "--fp16-baseline", converter = PyNumberConverters.Float.class, description = "FP16 composite to grade the tier against.")
    Double fp16Baseline;
    @Option(names = "--compat", defaultValue = "rouge-score", description = "Scoring: 'reference' (chimeraforge 0.30 dependency-free numbers, byte for byte) or 'rouge-score' (default).")
    String compat;
    @Option(names = "--no-stemmer", description = "With rouge-score scoring, do not stem tokens.")
    boolean noStemmer;
    @Option(names = "--list-tasks", description = "List the built-in tasks and exit.")
    boolean listTasks;
    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;
    @Option(names = {"--verbose", "-v"}, description = "Debug output.")
    boolean verbose;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        if (listTasks) {
            for (String name : EvalTasks.names()) {
                environment.out().println("  " + name);
            }
            return 0;
        }
        QualityScorer scorer;
        switch (compat) {
            case "reference":
                scorer = QualityScorer.reference();
                break;
            case "rouge-score":
                scorer = QualityScorer.builder().mode(ScoringMode.ROUGE_SCORE).useStemmer(!noStemmer)
                        .clock(environment.clock()).build();
                break;
            default:
                throw new CliException("--compat must be one of: reference, rouge-score.");
        }
        EvalRun.Builder run = EvalRun.builder().model(model);
        if (task != null) {
            run.task(task);
        }
        if (predictions != null) {
            run.predictions(predictions);
        }
        if (references != null) {
            run.references(references);
        }
        if (pairs != null) {
            run.pairs(pairs);
        }
        if (quant != null) {
            run.quant(quant);
        }
        if (fp16Baseline != null) {
            if (!Double.isFinite(fp16Baseline)) {
                throw new CliException("--fp16-baseline must be a finite number.");
            }
            run.fp16Baseline(fp16Baseline);
        }
        EvalRun.Outcome outcome;
        try {
            outcome = run.build().execute(scorer);
        } catch (EvalException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        for (String note : outcome.notes()) {
            if (json) {
                environment.err().println("Note: " + note);
            } else {
                environment.out().println("Note: " + note);
            }
        }
        if (json) {
            environment.out().println(outcome.toJson());
            return 0;
        }
        QualityScore s = outcome.result().scores();
        environment.out().println("Quality for " + outcome.result().model() + " on " + outcome.result().task()
                + " (" + scorer.mode().label() + " scoring)");
        environment.out().println("  Exact match  " + PyNumbers.fixed(s.exactMatch(), 4));
        environment.out().println("  ROUGE-L      " + PyNumbers.fixed(s.rougeL(), 4));
        environment.out().println("  BERTScore    " + (scorer.bertAvailable() ? PyNumbers.fixed(s.bertScore(), 4)
                : "unavailable (no embedding model on the classpath)"));
        environment.out().println("  Coherence    " + PyNumbers.fixed(s.coherence(), 4));
        environment.out().println("  Composite    " + PyNumbers.fixed(s.composite(), 4));
        environment.out().println("  Tier         " + s.tier().label());
        environment.out().println("  Samples      " + s.nSamples());
        for (String warning : outcome.result().warnings()) {
            environment.err().println("warning: " + warning);
        }
        return 0;
    }
}
