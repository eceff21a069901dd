package io.ssplab.grader;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.Columns;
import io.ssplab.core.Messages;

/**
 * The result of one check, ready to print: the outcome, each criterion with its number and hint,
 * the lesson's arithmetic for the exercise's knobs, and a closing sentence.
 *
 * @param lesson      which step was checked
 * @param exercise    the class that was checked
 * @param outcome     PASS, FAIL or NOT ATTEMPTED
 * @param header      one line under the title: the knobs and what was measured (may be empty)
 * @param criteria    in order: read from the code, then measured
 * @param arithmetic  the lesson's arithmetic for the knobs (may be empty)
 * @param closing     the last sentences: what the outcome means and what to do next (paragraphs split by \n)
 */
public record GradeReport(Lesson lesson, String exercise, Outcome outcome, String header, List<Criterion> criteria,
                          List<String> arithmetic, String closing) {
    static final int WIDTH = 110;
    private static final String HINT_CONTINUATION = "      ";
    /** The English layout's widths of a criterion's outcome and name; a longer label or name (Vietnamese: "CHƯA ĐẠT") widens its column. */
    private static final int[] CRITERION_WIDTHS = {8, 32};
    /** Names longer than this do not widen the column for the others. */
    private static final int MAX_NAME_WIDTH = 48;
    private static final String HINT_INDENT = "        ";

    public GradeReport {
        criteria = List.copyOf(criteria);
        arithmetic = List.copyOf(arithmetic);
    }

    public int exitCode() {
        return outcome.exitCode();
    }

    public List<Criterion> failed() {
        return criteria.stream().filter(c -> !c.passed()).toList();
    }

    public void print(PrintStream out) {
        out.println();
        out.println(Messages.get("grade.title", lesson.cliName(), exercise));
        if (!header.isEmpty()) wrap(header, "", "  ").forEach(out::println);
        if (!criteria.isEmpty()) out.println();
        Columns columns = new Columns(List.of(Columns.Align.LEFT, Columns.Align.LEFT), CRITERION_WIDTHS, "  ")
                .fit(List.of(Messages.get("grade.criterion.pass"), "")).fit(List.of(Messages.get("grade.criterion.fail"), ""));
        // the names' column: as wide as the longest name, up to a limit (a longer one pushes its own line only)
        int nameWidth = criteria.stream().mapToInt(c -> Columns.width(c.name())).filter(w -> w <= MAX_NAME_WIDTH).max().orElse(0);
        columns.fit(List.of("", " ".repeat(nameWidth)));
        for (Criterion c : criteria) {
            out.println("  " + columns.line(List.of(Messages.get(c.passed() ? "grade.criterion.pass" : "grade.criterion.fail"), c.name()))
                    + " " + c.measured());
            if (!c.passed()) wrap(Messages.get("grade.hint", c.hint()), HINT_INDENT, HINT_INDENT + HINT_CONTINUATION).forEach(out::println);
        }
        if (!arithmetic.isEmpty()) {
            out.println();
            out.println(Messages.get("grade.arithmetic"));
            arithmetic.forEach(line -> out.println("  " + line));
        }
        out.println();
        String[] paragraphs = closing.split("\n");
        wrap(outcome.label() + " — " + paragraphs[0], "", "  ").forEach(out::println);
        for (int i = 1; i < paragraphs.length; i++) wrap(paragraphs[i], "  ", "  ").forEach(out::println);
    }

    /** The words of a text, a unit kept with its number ("2.61 s", "0.5 ms"): a line never starts with the unit alone. */
    private static List<String> keepUnits(String[] words) {
        List<String> kept = new ArrayList<>();
        for (String w : words) {
            int last = kept.size() - 1;
            if (last >= 0 && w.matches("m?s\\W*") && kept.get(last).matches(".*\\d")) kept.set(last, kept.get(last) + " " + w);
            else kept.add(w);
        }
        return kept;
    }

    /** Breaks text at spaces so no line is longer than {@link #WIDTH}. */
    static List<String> wrap(String text, String firstIndent, String nextIndent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstIndent);
        int lineStart = firstIndent.length();
        for (String word : keepUnits(text.split(" "))) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(nextIndent);
                lineStart = nextIndent.length();
            }
            if (line.length() > lineStart) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
