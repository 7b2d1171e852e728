package io.chimeraforge.eval;

import io.chimeraforge.eval.internal.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON documents of eval results, key for key and in the reference's key order, written as
 * Python's {@code json.dumps} writes them (floats in {@code repr} form, ASCII with
 * {@code \\uXXXX} escapes).
 */
public final class EvalJson {

    private EvalJson() {
    }

    /** The {@code QualityScore} object as an ordered map. */
    public static Map<String, Object> toMap(QualityScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.model());
        m.put("quant", s.quant());
        m.put("exact_match", s.exactMatch());
        m.put("rouge_l", s.rougeL());
        m.put("bert_score", s.bertScore());
        m.put("coherence", s.coherence());
        m.put("composite", s.composite());
        m.put("tier", s.tier().label());
        m.put("n_samples", s.nSamples());
        return m;
    }

    /** The {@code EvalResult} object as an ordered map. */
    public static Map<String, Object> toMap(EvalResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("backend", r.backend());
        m.put("quant", r.quant().orElse(null));
        m.put("task", r.task());
        m.put("scores", toMap(r.scores()));
        m.put("timestamp", PyJson.isoTimestamp(r.timestamp()));
        m.put("warnings", new ArrayList<>(r.warnings()));
        if (r.scoringMode() != ScoringMode.REFERENCE) {
            m.put("scoring_mode", r.scoringMode().label());
        }
        return m;
    }

    /**
     * The document {@code eval --json} prints: a JSON array of the results, indented by 2.
     *
     * @param results usually one result
     */
    public static String toJsonArray(List<EvalResult> results) {
        List<Object> list = new ArrayList<>();
        for (EvalResult r : results) {
            list.add(toMap(r));
        }
        return PyJson.write(list, 2);
    }

    /** One result as an indented JSON object. */
    public static String toJson(EvalResult result) {
        return PyJson.write(toMap(result), 2);
    }

    /** One score as an indented JSON object. */
    public static String toJson(QualityScore score) {
        return PyJson.write(toMap(score), 2);
    }
}
