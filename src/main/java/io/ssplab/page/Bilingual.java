package io.ssplab.page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * What the lab's HTML pages (the report, the sweep) share to carry every language in one file: each
 * text rendered from the bundles once per language, each rendering in an element of class
 * {@code en} or {@code vi} that the page's CSS hides unless it is the chosen language, the switch
 * that chooses, and the names of the charts drawn per language.
 */
public final class Bilingual {
    /** The pages' languages, in the order their texts appear in the file. */
    public static final List<Lang> LANGS = List.of(Lang.values());

    private Bilingual() {
    }

    /** Text that is already HTML (escaped, or markup made here): passed into a message as it is. */
    public record Html(String html) {
        @Override
        public String toString() {
            return html;
        }
    }

    public static Html raw(String html) {
        return new Html(html);
    }

    /** {@code <code>text</code>}, escaped. */
    public static Html code(String text) {
        return raw("<code>" + esc(text) + "</code>");
    }

    /**
     * Each language's text, escaped, in a {@code <span class="en" lang="en">} per language; the text
     * once, without spans, when every language says the same ("P", "local[4]", "STABLE").
     */
    public static String text(Function<Lang, String> text) {
        return html(l -> esc(text.apply(l)));
    }

    /** Like {@link #text}, always one span per language. */
    public static String spans(Function<Lang, String> text) {
        StringBuilder b = new StringBuilder();
        for (Lang l : LANGS) b.append(span(l, esc(text.apply(l))));
        return b.toString();
    }

    /** Each language's HTML (already escaped), in a span per language, or once when all are the same. */
    public static String html(Function<Lang, String> html) {
        List<String> each = new ArrayList<>();
        for (Lang l : LANGS) each.add(html.apply(l));
        if (each.stream().distinct().count() == 1) return each.get(0);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < LANGS.size(); i++) b.append(span(LANGS.get(i), each.get(i)));
        return b.toString();
    }

    /** The message {@code key} in every language, with the same arguments: {@link #text} of it. */
    public static String msg(String key, Object... args) {
        return text(l -> Messages.in(l, key, args));
    }

    private static String span(Lang l, String html) {
        return "<span class=\"" + l.code() + "\" lang=\"" + l.code() + "\">" + html + "</span>";
    }

    /**
     * The message {@code key} in {@code lang} as HTML: its own words escaped, {@link Html} arguments
     * inserted as they are (a {@code <code>} or {@code <b>} around a value), every other argument
     * escaped. Arguments are taken as text: patterns used this way place them with {@code %N$s}.
     */
    public static String html(Lang lang, String key, Object... args) {
        // Format with markers in place of the arguments, escape the sentence, then put the arguments in.
        Object[] markers = new Object[args.length];
        for (int i = 0; i < args.length; i++) markers[i] = "\u0000" + i + "\u0000";
        String escaped = esc(Messages.in(lang, key, markers));
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            escaped = escaped.replace("\u0000" + i + "\u0000", a instanceof Html h ? h.html() : esc(String.valueOf(a)));
        }
        return escaped;
    }

    /** HTML-escapes the five special characters. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * The file of a chart drawn in {@code lang}: English keeps the name ("phase2-processing-time.png"),
     * the others get their code before the extension ("phase2-processing-time-vi.png"), so each
     * language's slides sit side by side in one folder.
     */
    public static String file(String englishName, Lang lang) {
        if (lang == Lang.EN) return englishName;
        int dot = englishName.lastIndexOf('.');
        return dot < 0 ? englishName + "-" + lang.code() : englishName.substring(0, dot) + "-" + lang.code() + englishName.substring(dot);
    }

    /** The language buttons (their names are written in their own language, as language menus do). */
    public static String nav() {
        StringBuilder b = new StringBuilder("<nav class=\"lang\" aria-label=\"Language / Ngôn ngữ\">");
        for (Lang l : LANGS) {
            b.append("<button type=\"button\" data-set-lang=\"").append(l.code()).append("\" lang=\"").append(l.code()).append("\">")
                    .append(esc(Messages.in(l, "report.page.langName"))).append("</button>");
        }
        return b.append("</nav>\n").toString();
    }

    /**
     * The {@code <html>} start tag: English shown until the script runs; each language's window title
     * in a {@code data-title-xx} attribute for the switch to use.
     */
    public static String htmlStart(Function<Lang, String> title) {
        StringBuilder b = new StringBuilder("<html lang=\"en\" data-lang=\"en\"");
        for (Lang l : LANGS) b.append(" data-title-").append(l.code()).append("=\"").append(esc(title.apply(l))).append('"');
        return b.append(">\n").toString();
    }

    /** Shows the chosen language's elements only, and marks its button. */
    public static final String CSS = """
            html[data-lang="en"] .vi, html[data-lang="vi"] .en { display: none; }
            nav.lang { float: right; margin-top: 20px; }
            nav.lang button { font: inherit; padding: 4px 12px; border: 1px solid #dadce0; background: #fff; cursor: pointer; }
            html[data-lang="en"] nav.lang [data-set-lang="en"], html[data-lang="vi"] nav.lang [data-set-lang="vi"] { background: #1f77b4; color: #fff; border-color: #1f77b4; }
            """;

    /**
     * The language switch: remembers the choice (shared by the lab's pages); #vi or #en in the address
     * picks one; else the browser's language. Sets the window title to the language's.
     */
    public static final String SCRIPT = """
            (function () {
              var root = document.documentElement;
              function use(lang) {
                root.setAttribute('data-lang', lang);
                root.lang = lang;
                var title = root.getAttribute('data-title-' + lang);
                if (title) document.title = title;
                try { localStorage.setItem('ssp-report-lang', lang); } catch (e) {}
              }
              var saved = null;
              try { saved = localStorage.getItem('ssp-report-lang'); } catch (e) {}
              var hash = location.hash.replace('#', '');
              var browser = (navigator.language || '').toLowerCase().indexOf('vi') === 0 ? 'vi' : 'en';
              use(hash === 'vi' || hash === 'en' ? hash : (saved || browser));
              document.addEventListener('click', function (event) {
                var button = event.target.closest('[data-set-lang]');
                if (button) use(button.getAttribute('data-set-lang'));
              });
            })();
            """;
}
