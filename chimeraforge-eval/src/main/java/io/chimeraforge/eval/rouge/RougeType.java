package io.chimeraforge.eval.rouge;

/** The ROUGE variants, named as rouge-score names them. */
public enum RougeType {
    /** Unigram overlap. */
    ROUGE1("rouge1", 1),
    /** Bigram overlap. */
    ROUGE2("rouge2", 2),
    /** Longest common subsequence of the whole token lists. */
    ROUGE_L("rougeL", 0),
    /** Summary-level LCS: union LCS over newline-separated sentences. */
    ROUGE_LSUM("rougeLsum", 0);

    private final String key;
    private final int n;

    RougeType(String key, int n) {
        this.key = key;
        this.n = n;
    }

    /** The rouge-score name ({@code rouge1}, {@code rougeLsum}, …). */
    public String key() {
        return key;
    }

    /** n-gram order for ROUGE-N types, 0 for the LCS types. */
    int order() {
        return n;
    }

    /** The type with the given rouge-score name. */
    public static RougeType fromKey(String key) {
        for (RougeType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown ROUGE type '" + key + "'; expected rouge1, rouge2, rougeL or rougeLsum");
    }
}
