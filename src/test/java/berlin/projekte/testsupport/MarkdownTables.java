package berlin.projekte.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of a Markdown file in {@code docs/}, each with the heading it stands under, so the
 * doc tests can hold a documented table against the code it describes.
 */
public final class MarkdownTables {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** A table: the last heading above it, its header cells and its rows' cells (trimmed). */
    public record Table(String heading, List<String> header, List<List<String>> rows) {

        /** Whether the header starts with these cells. */
        public boolean startsWith(String... cells) {
            return header.size() >= cells.length && header.subList(0, cells.length).equals(List.of(cells));
        }

        /** The first code span of each row's cell in this column (rows without one are skipped). */
        public List<String> firstCode(int column) {
            List<String> values = new ArrayList<>();
            for (List<String> row : rows) {
                List<String> code = code(row.get(column));
                if (!code.isEmpty()) {
                    values.add(code.get(0));
                }
            }
            return values;
        }
    }

    private MarkdownTables() {
    }

    /** The file's text, e.g. {@code docs/api.md} (tests run in the project directory). */
    public static String text(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every table of the file, in order. Code blocks are skipped. */
    public static List<Table> tables(String file) {
        List<Table> tables = new ArrayList<>();
        String heading = "";
        List<String> header = null;
        List<List<String>> rows = null;
        boolean inCode = false;
        for (String line : text(file).split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("```")) {
                inCode = !inCode;
            }
            boolean tableLine = !inCode && trimmed.startsWith("|");
            if (!tableLine && header != null) {
                tables.add(new Table(heading, header, rows));
                header = null;
            }
            if (inCode) {
                continue;
            }
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "");
            } else if (tableLine) {
                List<String> cells = cells(trimmed);
                if (header == null) {
                    header = cells;
                    rows = new ArrayList<>();
                } else if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    rows.add(cells);
                }
            }
        }
        if (header != null) {
            tables.add(new Table(heading, header, rows));
        }
        return tables;
    }

    /** The code spans of a piece of Markdown, without their backticks. */
    public static List<String> code(String markdown) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(markdown);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** A table row's cells; a {@code \|} inside a cell is not a separator. */
    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && !line.endsWith("\\|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.trim().replace("\\|", "|"));
        }
        return cells;
    }
}
