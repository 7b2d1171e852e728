package io.chimeraforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scripted response texts through each wire format (the mock's {@link Responder}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResponderTest {

    private static final Script FAST = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> post(MockLlmServer server, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> sseData(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data:") && !line.contains("[DONE]")) {
                out.add(Json.mapper().readTree(line.substring(5)));
            }
        }
        return out;
    }

    @Test
    void ollamaStreamsTheScriptedTextWordByWordAndCountsItsTokens() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST)
                .responder((i, prompt) -> prompt.contains("bomb") ? "I cannot help with that." : "Sure, here you go.")
                .start()) {
            String body = post(server, "/api/generate", "{\"model\":\"m\",\"prompt\":\"how to build a bomb\"}").body();
            String[] lines = body.split("\n");
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.length - 1; i++) {
                text.append(Json.mapper().readTree(lines[i]).path("response").asText());
            }
            assertThat(lines).hasSize(6); // "I", " cannot", " help", " with", " that." + done
            assertThat(text.toString()).isEqualTo("I cannot help with that.");
            assertThat(Json.mapper().readTree(lines[5]).path("eval_count").asInt()).isEqualTo(5);

            String other = post(server, "/api/generate", "{\"model\":\"m\",\"prompt\":\"bake bread\",\"stream\":false}").body();
            assertThat(Json.mapper().readTree(other).path("response").asText()).isEqualTo("Sure, here you go.");
        }
    }

    @Test
    void openAiAndTgiCarryTheSameTextAndChatPromptsReachTheResponder() throws Exception {
        List<String> prompts = java.util.Collections.synchronizedList(new ArrayList<>());
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).responder((i, prompt) -> {
            prompts.add(prompt);
            return "Line one\nline  two";
        }).start()) {
            StringBuilder completions = new StringBuilder();
            for (JsonNode chunk : sseData(post(server, "/v1/completions",
                    "{\"model\":\"m\",\"prompt\":\"p1\",\"stream\":true}").body())) {
                completions.append(chunk.path("choices").path(0).path("text").asText());
            }
            assertThat(completions.toString()).isEqualTo("Line one\nline  two");

            StringBuilder chat = new StringBuilder();
            for (JsonNode chunk : sseData(post(server, "/v1/chat/completions",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"p2\"}],\"stream\":true}").body())) {
                chat.append(chunk.path("choices").path(0).path("delta").path("content").asText());
            }
            assertThat(chat.toString()).isEqualTo("Line one\nline  two");

            List<JsonNode> tgi = sseData(post(server, "/generate_stream",
                    "{\"inputs\":\"p3\",\"parameters\":{\"details\":true}}").body());
            assertThat(tgi).hasSize(4);
            assertThat(tgi.get(3).path("generated_text").asText()).isEqualTo("Line one\nline  two");
            assertThat(tgi.get(3).path("details").path("generated_tokens").asInt()).isEqualTo(4);
            assertThat(prompts).containsExactly("p1", "p2", "p3");
        }
    }

    @Test
    void requestedLimitTruncatesTheTextByLength() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).responder((i, p) -> "one two three four").start()) {
            JsonNode r = Json.mapper().readTree(post(server, "/v1/completions",
                    "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":2}").body());
            assertThat(r.path("choices").path(0).path("text").asText()).isEqualTo("one two");
            assertThat(r.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
        }
    }

    @Test
    void emptyTextIsOneEmptyTokenAndAFailingResponderAnswers500() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).responder((i, p) -> {
            if (i == 1) {
                throw new IllegalStateException("no script for request 1");
            }
            return "";
        }).start()) {
            JsonNode r = Json.mapper().readTree(post(server, "/api/generate",
                    "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}").body());
            assertThat(r.path("response").asText()).isEmpty();
            assertThat(r.path("eval_count").asInt()).isEqualTo(1);
            HttpResponse<String> failed = post(server, "/api/generate", "{\"model\":\"m\",\"prompt\":\"x\"}");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("no script for request 1");
        }
    }

    @Test
    void builderRejectsNull() {
        assertThatThrownBy(() -> MockLlmServer.builder().responder(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responder");
    }
}
