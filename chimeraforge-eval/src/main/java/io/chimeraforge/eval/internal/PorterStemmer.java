package io.chimeraforge.eval.internal;

import java.util.Map;

/**
 * Porter's suffix-stripping stemmer with the behaviour of NLTK's {@code PorterStemmer} in its
 * default {@code NLTK_EXTENSIONS} mode, which is what Google's rouge-score uses.
 *
 * <p>Written from the published algorithm (Porter 1980) plus the documented NLTK departures:
 * an irregular-forms table consulted first; words of one or two letters left alone; four-letter
 * {@code -ies} / {@code -ied} become {@code -ie}; longer {@code -ied} becomes {@code -i};
 * {@code y → i} only after a consonant that is not the first letter; {@code -alli} is reduced
 * before step 2 and step 2 re-run; {@code -bli → -ble} (not {@code -abli}); the extra
 * {@code -fulli → -ful} and {@code -logi → -log} (measure taken with the {@code l}); and a
 * two-letter vowel–consonant stem counts as "cvc" in steps 1b and 5a.
 *
 * <p>Within a step the first rule whose suffix matches decides: if its condition fails the word
 * leaves the step unchanged, later rules are not tried. Stateless and thread-safe.
 */
public final class PorterStemmer {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("skies", "sky"), Map.entry("sky", "sky"),
            Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"), Map.entry("inning", "inning"),
            Map.entry("outings", "outing"), Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
            Map.entry("howe", "howe"), Map.entry("proceed", "proceed"),
            Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

    /** A condition on the stem left after removing a suffix. */
    @FunctionalInterface
    private interface Condition {
        boolean test(String stem, String word);
    }

    private record Rule(String suffix, String replacement, Condition condition) {
    }

    private static final Condition ALWAYS = (stem, word) -> true;
    private static final Condition M_POSITIVE = (stem, word) -> measure(stem) > 0;
    private static final Condition M_ABOVE_ONE = (stem, word) -> measure(stem) > 1;

    private static final Rule[] STEP_1A = {
        new Rule("sses", "ss", ALWAYS), new Rule("ies", "i", ALWAYS),
        new Rule("ss", "ss", ALWAYS), new Rule("s", "", ALWAYS),
    };

    private static final Rule[] STEP_2 = {
        new Rule("ational", "ate", M_POSITIVE), new Rule("tional", "tion", M_POSITIVE),
        new Rule("enci", "ence", M_POSITIVE), new Rule("anci", "ance", M_POSITIVE),
        new Rule("izer", "ize", M_POSITIVE), new Rule("bli", "ble", M_POSITIVE),
        new Rule("alli", "al", M_POSITIVE), new Rule("entli", "ent", M_POSITIVE),
        new Rule("eli", "e", M_POSITIVE), new Rule("ousli", "ous", M_POSITIVE),
        new Rule("ization", "ize", M_POSITIVE), new Rule("ation", "ate", M_POSITIVE),
        new Rule("ator", "ate", M_POSITIVE), new Rule("alism", "al", M_POSITIVE),
        new Rule("iveness", "ive", M_POSITIVE), new Rule("fulness", "ful", M_POSITIVE),
        new Rule("ousness", "ous", M_POSITIVE), new Rule("aliti", "al", M_POSITIVE),
        new Rule("iviti", "ive", M_POSITIVE), new Rule("biliti", "ble", M_POSITIVE),
        new Rule("fulli", "ful", M_POSITIVE),
        // The measure is taken on the stem plus its 'l', so geo-logi behaves like archaeo-logi.
        new Rule("logi", "log", (stem, word) -> measure(word.substring(0, word.length() - 3)) > 0),
    };

    private static final Rule[] STEP_3 = {
        new Rule("icate", "ic", M_POSITIVE), new Rule("ative", "", M_POSITIVE),
        new Rule("alize", "al", M_POSITIVE), new Rule("iciti", "ic", M_POSITIVE),
        new Rule("ical", "ic", M_POSITIVE), new Rule("ful", "", M_POSITIVE),
        new Rule("ness", "", M_POSITIVE),
    };

    private static final Rule[] STEP_4 = {
        new Rule("al", "", M_ABOVE_ONE), new Rule("ance", "", M_ABOVE_ONE),
        new Rule("ence", "", M_ABOVE_ONE), new Rule("er", "", M_ABOVE_ONE),
        new Rule("ic", "", M_ABOVE_ONE), new Rule("able", "", M_ABOVE_ONE),
        new Rule("ible", "", M_ABOVE_ONE), new Rule("ant", "", M_ABOVE_ONE),
        new Rule("ement", "", M_ABOVE_ONE), new Rule("ment", "", M_ABOVE_ONE),
        new Rule("ent", "", M_ABOVE_ONE),
        new Rule("ion", "", (stem, word) -> measure(stem) > 1
                && (stem.endsWith("s") || stem.endsWith("t"))),
        new Rule("ou", "", M_ABOVE_ONE), new Rule("ism", "", M_ABOVE_ONE),
        new Rule("ate", "", M_ABOVE_ONE), new Rule("iti", "", M_ABOVE_ONE),
        new Rule("ous", "", M_ABOVE_ONE), new Rule("ive", "", M_ABOVE_ONE),
        new Rule("ize", "", M_ABOVE_ONE),
    };

    /** Creates a stemmer; instances hold no state. */
    public PorterStemmer() {
    }

    /** Stems one lower-case word. */
    public String stem(String word) {
        String irregular = IRREGULAR.get(word);
        if (irregular != null) {
            return irregular;
        }
        if (word.length() <= 2) {
            return word;
        }
        String w = step1a(word);
        w = step1b(w);
        w = step1c(w);
        w = step2(w);
        w = applyFirst(w, STEP_3);
        w = applyFirst(w, STEP_4);
        w = step5a(w);
        return step5b(w);
    }

    private static String applyFirst(String word, Rule[] rules) {
        for (Rule rule : rules) {
            if (word.endsWith(rule.suffix())) {
                String stem = word.substring(0, word.length() - rule.suffix().length());
                return rule.condition().test(stem, word) ? stem + rule.replacement() : word;
            }
        }
        return word;
    }

    private static String step1a(String word) {
        if (word.length() == 4 && word.endsWith("ies")) {
            return word.substring(0, 1) + "ie"; // dies -> die, but flies -> fli below
        }
        return applyFirst(word, STEP_1A);
    }

    private static String step1b(String word) {
        if (word.endsWith("ied")) {
            String stem = word.substring(0, word.length() - 3);
            return word.length() == 4 ? stem + "ie" : stem + "i";
        }
        if (word.endsWith("eed")) {
            String stem = word.substring(0, word.length() - 3);
            return measure(stem) > 0 ? stem + "ee" : word;
        }
        String stem;
        if (word.endsWith("ed") && containsVowel(word, word.length() - 2)) {
            stem = word.substring(0, word.length() - 2);
        } else if (word.endsWith("ing") && containsVowel(word, word.length() - 3)) {
            stem = word.substring(0, word.length() - 3);
        } else {
            return word;
        }
        // Tidy the stem left by -ed / -ing.
        if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
            return stem + "e";
        }
        if (endsDoubleConsonant(stem)) {
            char last = stem.charAt(stem.length() - 1);
            return (last == 'l' || last == 's' || last == 'z') ? stem : stem.substring(0, stem.length() - 1);
        }
        return measure(stem) == 1 && endsCvc(stem) ? stem + "e" : stem;
    }

    private static String step1c(String word) {
        if (!word.endsWith("y")) {
            return word;
        }
        String stem = word.substring(0, word.length() - 1);
        return stem.length() > 1 && isConsonant(stem, stem.length() - 1) ? stem + "i" : word;
    }

    private static String step2(String word) {
        if (word.endsWith("alli")) {
            String stem = word.substring(0, word.length() - 4);
            if (measure(stem) > 0) {
                return step2(stem + "al");
            }
        }
        return applyFirst(word, STEP_2);
    }

    private static String step5a(String word) {
        if (!word.endsWith("e")) {
            return word;
        }
        String stem = word.substring(0, word.length() - 1);
        int m = measure(stem);
        if (m > 1 || (m == 1 && !endsCvc(stem))) {
            return stem;
        }
        return word;
    }

    private static String step5b(String word) {
        if (word.endsWith("ll") && measure(word.substring(0, word.length() - 1)) > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** Porter's consonant test: a letter other than a, e, i, o, u, and y only when not after a consonant. */
    static boolean isConsonant(String word, int i) {
        boolean consonant = false;
        for (int k = 0; k <= i; k++) {
            char c = word.charAt(k);
            if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
                consonant = false;
            } else if (c == 'y') {
                consonant = k == 0 || !consonant;
            } else {
                consonant = true;
            }
        }
        return consonant;
    }

    /** m in [C](VC)^m[V]: the number of vowel-to-consonant transitions. */
    static int measure(String stem) {
        int m = 0;
        boolean previousConsonant = false;
        for (int k = 0; k < stem.length(); k++) {
            char c = stem.charAt(k);
            boolean consonant;
            if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
                consonant = false;
            } else if (c == 'y') {
                consonant = k == 0 || !previousConsonant;
            } else {
                consonant = true;
            }
            if (consonant && k > 0 && !previousConsonant) {
                m++;
            }
            previousConsonant = consonant;
        }
        return m;
    }

    private static boolean containsVowel(String word, int end) {
        for (int k = 0; k < end; k++) {
            if (!isConsonant(word, k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsDoubleConsonant(String word) {
        int n = word.length();
        return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
    }

    private static boolean endsCvc(String word) {
        int n = word.length();
        if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)) {
            char last = word.charAt(n - 1);
            if (last != 'w' && last != 'x' && last != 'y') {
                return true;
            }
        }
        return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
    }
}
