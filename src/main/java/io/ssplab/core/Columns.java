package io.ssplab.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people, in any language: each column as wide as its widest cell — the header in
 * the reader's language included ("bản ghi", "PT trung vị") — measured as a terminal shows text, so a
 * Vietnamese letter with its marks counts once even when written as a letter plus combining marks.
 * The tables' widths are never written into the bundles as padding.
 */
public final class Columns {
    /** How a column's cells line up. */
    public enum Align { LEFT, RIGHT }

    private final List<Align> aligns;
    private final int[] widths;
    private final String gap;

    /**
     * @param aligns    each column's alignment
     * @param minWidths each column's least width (the English layout), raised to fit {@link #fit} cells
     * @param gap       between two columns
     */
    public Columns(List<Align> aligns, int[] minWidths, String gap) {
        if (aligns.size() != minWidths.length) throw new IllegalArgumentException("one width per column");
        this.aligns = List.copyOf(aligns);
        this.widths = minWidths.clone();
        this.gap = gap;
    }

    /** Widens the columns to fit these cells (a header, or every row of a table printed at once). */
    public Columns fit(List<String> cells) {
        for (int i = 0; i < Math.min(cells.size(), widths.length); i++) widths[i] = Math.max(widths[i], width(cells.get(i)));
        return this;
    }

    /** One line: each cell padded to its column; a cell wider than its column pushes the rest right. */
    public String line(List<String> cells) {
        List<String> padded = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (i >= widths.length) padded.add(c);
            else padded.add(aligns.get(i) == Align.LEFT ? left(c, widths[i]) : right(c, widths[i]));
        }
        return String.join(gap, padded);
    }

    public int width(int column) {
        return widths[column];
    }

    /**
     * The columns a terminal gives {@code s}: one per character, none for a combining mark (the accents
     * of a decomposed "ộ"), none for a zero-width or format character.
     */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.FORMAT) w++;
            i += Character.charCount(cp);
        }
        return w;
    }

    /** {@code s} followed by spaces up to {@code width} columns. */
    public static String left(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    /** Spaces, then {@code s}, up to {@code width} columns. */
    public static String right(String s, int width) {
        return " ".repeat(Math.max(0, width - width(s))) + s;
    }

    /** Between two columns of {@link #table}. */
    public static final String GAP = "  ";

    /**
     * A whole table at once: the first row is the header; each column as wide as its widest cell;
     * columns whose {@code rightAligned} is true (numbers) end at the same place; the last column is not padded.
     *
     * @return one line per row, each starting with {@code indent}
     */
    public static List<String> table(String indent, boolean[] rightAligned, List<String[]> rows) {
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
    public static String label(String label, List<String> labels) {
        int w = 0;
        for (String l : labels) w = Math.max(w, width(l));
        return left(label, w) + GAP;
    }
}
