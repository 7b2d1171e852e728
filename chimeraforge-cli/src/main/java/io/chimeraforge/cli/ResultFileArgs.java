package io.chimeraforge.cli;

import io.chimeraforge.core.result.BenchResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The result files a command was given: a directory's {@code *.json} files and a comma-separated
 * list, in that order. Each command keeps its own (the reference's) wording for what is wrong.
 *
 * @param notADirectory  the message for a directory argument that is not one
 * @param emptyDirectory the message for a directory without result files, or null to accept it
 * @param missingFile    the message for a listed file that does not exist
 * @param nothingGiven   the message when no file results
 */
record ResultFileArgs(Function<Path, String> notADirectory, Function<Path, String> emptyDirectory,
                      Function<String, String> missingFile, String nothingGiven) {

    List<Path> collect(Path directory, String commaList) {
        List<Path> out = new ArrayList<>();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new CliException(notADirectory.apply(directory));
            }
            List<Path> found;
            try {
                found = BenchResultFiles.filesIn(directory);
            } catch (IOException e) {
                throw new CliException("cannot list " + directory + ": " + e.getMessage());
            }
            if (found.isEmpty() && emptyDirectory != null) {
                throw new CliException(emptyDirectory.apply(directory));
            }
            out.addAll(found);
        }
        if (commaList != null) {
            for (String part : commaList.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Path file = Path.of(part.strip());
                if (!Files.exists(file)) {
                    throw new CliException(missingFile.apply(part.strip()));
                }
                out.add(file);
            }
        }
        if (out.isEmpty()) {
            throw new CliException(nothingGiven);
        }
        return out;
    }
}
