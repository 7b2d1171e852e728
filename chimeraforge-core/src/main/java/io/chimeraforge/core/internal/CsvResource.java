package io.chimeraforge.core.internal;

import io.chimeraforge.core.CoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the small comma-separated tables bundled as class-path resources: {@code #} comment lines
 * and blank lines are skipped, the first remaining line is the header, fields hold no commas.
 * Plain text keeps start-up cheap (no JSON binding before the first plan).
 */
public final class CsvResource {

    private CsvResource() {
    }

    /** The data rows (header excluded) of a resource next to {@code anchor}, each with {@code columns} fields. */
    public static List<String[]> rows(Class<?> anchor, String resource, int columns) {
        InputStream in = anchor.getResourceAsStream(resource);
        if (in == null) {
            throw new CoreException("bundled resource is missing: " + resource);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new CoreException("malformed row in bundled resource " + resource + ": " + line);
                }
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = fields[i].trim();
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new CoreException("cannot read bundled resource " + resource + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
