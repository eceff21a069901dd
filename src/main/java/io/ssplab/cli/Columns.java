package io.ssplab.cli;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Text that lines up in a terminal in any language: column widths come from what is printed, in the
 * reader's language ("số partition tốt nhất" is longer than "best partitions"), never from fixed
 * widths, and are counted in characters a terminal shows — a Vietnamese letter with its marks is one,
 * whether the text holds it precomposed or as a letter and combining marks.
 */
final class Columns {
    /** Between two columns. */
    static final String GAP = "  ";

    private Columns() {
    }

    /** The characters a terminal shows for {@code s}: code points, combining marks not counted. */
    static int width(String s) {
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
        int w = 0;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) w++;
            i += Character.charCount(cp);
        }
        return w;
    }

    static String left(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    static String right(String s, int width) {
        return " ".repeat(Math.max(0, width - width(s))) + s;
    }

    /**
     * A table: the first row is the header; each column as wide as its widest cell; columns whose
     * {@code rightAligned} is true (numbers) end at the same place; the last column is not padded.
     *
     * @return one line per row, each starting with {@code indent}
     */
    static List<String> table(String indent, boolean[] rightAligned, List<String[]> rows) {
        int columns = rightAligned.length;
        int[] widths = new int[columns];
        for (String[] row : rows)
            for (int c = 0; c < columns; c++) widths[c] = Math.max(widths[c], width(row[c]));
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                boolean last = c == columns - 1;
                if (c > 0) line.append(GAP);
                if (rightAligned[c]) line.append(right(row[c], widths[c]));
                else line.append(last ? row[c] : left(row[c], widths[c]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** "label" padded to the widest of {@code labels}, then a gap: the start of a "label  value" line. */
    static String label(String label, List<String> labels) {
        int w = 0;
        for (String l : labels) w = Math.max(w, width(l));
        return left(label, w) + GAP;
    }
}
