package dev.zirconffm.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Java snippet of the repository's README is code of this project (compared line by line,
 * leading and trailing blanks aside), so the README's code compiles and runs here.
 */
class ReadmeSnippetsTest {

    @Test
    void everyJavaSnippetOfTheReadmeIsCodeOfTheExamples() throws IOException {
        Path readme = Path.of("..", "README.md");
        assumeTrue(Files.exists(readme), "no ../README.md: this copy of the examples is outside the repository");
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(ReadmeSnippetsTest::read)
                    .map(ReadmeSnippetsTest::normalize).collect(Collectors.joining("\n\n"));
        }
        List<String> snippets = javaSnippets(Files.readString(readme));
        assertFalse(snippets.isEmpty(), "the README has no ```java snippet");
        for (String snippet : snippets) {
            assertTrue(sources.contains(normalize(snippet)), () -> "README snippet not found in examples/src:\n" + snippet);
        }
    }

    private static List<String> javaSnippets(String markdown) {
        List<String> snippets = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                snippets.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return snippets;
    }

    /** Each line stripped, blank lines dropped. */
    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
