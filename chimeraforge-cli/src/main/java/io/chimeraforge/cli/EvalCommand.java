package io.chimeraforge.cli;

import io.chimeraforge.eval.EvalException;
import io.chimeraforge.eval.EvalModeException;
import io.chimeraforge.eval.EvalRun;
import io.chimeraforge.eval.EvalTasks;
import io.chimeraforge.eval.QualityScorer;
import io.chimeraforge.eval.QualityScore;
import io.chimeraforge.eval.ScoringMode;
import io.chimeraforge.eval.bertscore.BertScorer;
import io.chimeraforge.eval.bertscore.EmbeddingProvider;
import io.chimeraforge.eval.bertscore.EmbeddingProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.chimeraforge.cli.internal.PyNumberConverters;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.PyNumbers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Option(names = "--bert-model", description = "BERTScore embedding model (default: the first installed, e.g."
            + " all-MiniLM-L6-v2-q); 'none' to skip BERTScore. Not used with --compat reference.")
    String bertModel;
    @Option(names = "--strict", description = "Refuse predictions and references of different lengths (default:"
            + " score the first min(P, R) pairs with a warning, as chimeraforge 0.30 does).")
    boolean strict;
    @Option(names = "--list-tasks", description = "List the built-in tasks and exit.")
    boolean listTasks;
    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    @Override
    public Integer call() {
        if (listTasks) {
            for (String name : EvalTasks.names()) {
                environment.out().println("  " + name);
            }
            return 0;
        }
        EmbeddingProvider provider = null;
        try {
            QualityScorer scorer;
            switch (compat) {
                case "reference":
                    scorer = QualityScorer.reference();
                    break;
                case "rouge-score":
                    QualityScorer.Builder builder = QualityScorer.builder().mode(ScoringMode.ROUGE_SCORE)
                            .useStemmer(!noStemmer).clock(environment.clock());
                    // Loading a model takes a second or two: not for inputs that cannot be read anyway.
                    Optional<EmbeddingProviderFactory> factory = inputsExist() ? bertFactory() : Optional.empty();
                    if (factory.isPresent()) {
                        provider = factory.get().create();
                        BertScorer bert = BertScorer.builder(provider).build();
                        builder.bertScorer(bert);
                        bertNote = "BERTScore: " + bert.hash() + " -- " + factory.get().description();
                    }
                    scorer = builder.build();
                    break;
                default:
                    throw new CliException("--compat must be one of: reference, rouge-score.");
            }
            return score(scorer);
        } catch (EvalException e) {
            throw new CliException(e.getMessage());
        } finally {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // releasing native memory at exit; nothing to tell the user
                }
            }
        }
    }

    /**
     * Draws "scoring: n/total pairs" on one stderr line while BERTScore runs, only on an interactive
     * terminal and never under --json (the line would corrupt neither, but pipes and logs do not
     * want carriage returns).
     */
    private static final class ScoringProgress implements io.chimeraforge.eval.Progress {
        private final java.io.PrintStream err;
        private final boolean enabled;
        private boolean drawn;

        ScoringProgress(java.io.PrintStream err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void update(long done, long total) {
            if (enabled) {
                err.print("\rscoring: " + done + "/" + total + " pairs");
                err.flush();
                drawn = true;
            }
        }

        void finish() {
            if (drawn) {
                err.println();
            }
        }
    }

    /** Shown after a successful run: which model produced the BERTScore, and what it compares with. */
    private String bertNote;

    private boolean inputsExist() {
        for (Path input : new Path[] {predictions, references, pairs}) {
            if (input != null && !java.nio.file.Files.isRegularFile(input)) {
                return false;
            }
        }
        return true;
    }

    private Optional<EmbeddingProviderFactory> bertFactory() {
        if ("none".equals(bertModel)) {
            return Optional.empty();
        }
        if (bertModel != null) {
            return Optional.of(EmbeddingProviderFactory.find(bertModel).orElseThrow(() -> new CliException(
                    "--bert-model '" + bertModel + "' is not installed; installed: " + installedNames() + ".")));
        }
        List<EmbeddingProviderFactory> installed = EmbeddingProviderFactory.installed();
        return installed.isEmpty() ? Optional.empty() : Optional.of(installed.get(0));
    }

    private static String installedNames() {
        List<String> names = new ArrayList<>();
        for (EmbeddingProviderFactory f : EmbeddingProviderFactory.installed()) {
            names.add(f.name());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private int score(QualityScorer scorer) {
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
            try {
                run.fp16Baseline(fp16Baseline);
            } catch (InvalidSettingException e) {
                throw new CliException("--fp16-baseline must be " + e.allowed() + ", got " + e.value() + ".");
            }
        }
        run.strictPairing(strict);
        EvalRun.Outcome outcome;
        ScoringProgress progress = new ScoringProgress(environment.err(), environment.terminal() && !json);
        try {
            outcome = run.build().execute(scorer, progress);
        } catch (EvalModeException e) {
            throw new CliException(switch (e.conflict()) {
                case PAIRS_WITH_TASK -> "--pairs cannot be combined with --task.";
                case PAIRS_WITH_FILES -> "--pairs cannot be combined with --predictions or --references.";
                case NO_INPUT -> "provide --task, --pairs, or both --predictions and --references.";
            });
        } catch (EvalException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        } finally {
            progress.finish();
        }
        if (bertNote != null) {
            environment.err().println(bertNote);
        }
        for (String libraryNote : outcome.notes()) {
            // the reference's wording, which names this command's options
            String note = libraryNote.equals(EvalRun.PLACEHOLDER_NOTE)
                    ? "No --predictions file; using task prompts as placeholder (scores will be low)."
                    : libraryNote.equals(EvalRun.REFERENCES_IGNORED_NOTE)
                    ? "--references is ignored with --task; using the task's references." : libraryNote;
            if (json) {
                environment.err().println("Note: " + note);
            } else {
                environment.out().println("Note: " + note);
            }
        }
        if (json) {
            environment.out().println(outcome.toJson());
            // the document carries the warnings too; stderr makes a truncated run visible in a pipeline
            for (String warning : outcome.result().warnings()) {
                if (warning.startsWith("Length mismatch")) {
                    environment.err().println("warning: " + warning);
                }
            }
            return 0;
        }
        QualityScore s = outcome.result().scores();
        environment.out().println("Quality for " + outcome.result().model() + " on " + outcome.result().task()
                + " (" + scorer.mode().label() + " scoring)");
        environment.out().println("  Exact match  " + PyNumbers.fixed(s.exactMatch(), 4));
        environment.out().println("  ROUGE-L      " + PyNumbers.fixed(s.rougeL(), 4));
        environment.out().println("  BERTScore    " + (scorer.bertAvailable() ? PyNumbers.fixed(s.bertScore(), 4)
                : "unavailable (no embedding model installed, or --bert-model none)"));
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
