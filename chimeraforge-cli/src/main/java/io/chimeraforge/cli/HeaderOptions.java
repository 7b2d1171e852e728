package io.chimeraforge.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --header} and {@code --api-key-env}: extra request headers for {@code bench} and {@code safety}. */
final class HeaderOptions {

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Extra request header, repeatable (e.g. a gateway's routing header).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Send 'Authorization: Bearer <value of environment variable VAR>' (a vLLM --api-key, a gateway key); the key stays out of the command line.")
    String apiKeyEnv;

    /**
     * The headers to send, in order.
     *
     * @throws CliException for a header without a colon, or an unset or empty variable
     */
    Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new CliException("--header must look like 'Name: value', got '" + header + "'.");
            }
            out.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        if (apiKeyEnv != null) {
            String key = env.get(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new CliException("--api-key-env " + apiKeyEnv + ": the environment variable is not set.");
            }
            // Last, so it replaces an Authorization given with --header (the builders match names
            // case-insensitively).
            out.put("Authorization", "Bearer " + key.strip());
        }
        return out;
    }
}
