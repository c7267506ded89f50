/**
 * Escaping for every output format. Scenario text (titles, labels, descriptions, sources,
 * variant names, seeds) is untrusted: a report is handed to someone else, so a title such as
 * `<img src=x onerror=alert(1)>` must show as text. Each format has exactly one function, and
 * every renderer routes all scenario text through it.
 */

/**
 * Text with the characters that could act on a terminal or hide text removed: C0 controls
 * other than tab and newline (ESC starts every escape sequence: clearing the screen, retitling
 * the window, OSC 52 clipboard writes), DEL, the C1 controls (which some terminals also obey),
 * and the bidirectional overrides and isolates that can make text read differently from what it
 * is. Scenario text passes through it on its way to a terminal, a Markdown file or a page.
 *
 * @example
 * ```ts
 * stripControl('title\u001b]52;c;aGk=\u0007'); // 'title]52;c;aGk='
 * ```
 */
export function stripControl(text: string): string {
  return String(text).replace(CONTROL, '');
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML and SVG, in element content and in quoted attribute values alike
 * (`&`, `<`, `>`, `"` and `'` become entities), so one function serves both and no call site
 * has to know which context it is in. Control characters and bidi overrides are removed first
 * ({@link stripControl}).
 *
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return stripControl(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Text made literal for Markdown (CommonMark / GitHub): characters that could start emphasis,
 * a link, code, raw HTML or a table cell boundary are backslash-escaped, an `&` that would
 * start an entity likewise, and line breaks become spaces so a value stays in its table cell.
 * Backslash escapes keep the plain file readable, unlike entities. Other control characters and
 * bidi overrides are removed ({@link stripControl}).
 *
 * @example
 * ```ts
 * escapeMarkdown('a | b <i>'); // 'a \\| b \\<i\\>'
 * ```
 */
export function escapeMarkdown(text: string): string {
  // Line breaks first, so a lone CR becomes a space rather than nothing.
  return stripControl(String(text).replace(/\r\n|\r|\n/g, ' '))
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '\\&')
    // A cell or paragraph that starts like a heading or a list item would turn into one.
    .replace(/^([#+-])(?=\s|$)/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s)/, '$1\\$2');
}

/**
 * Markdown inline code for a formula or command: wrapped in enough backticks that none inside
 * can close it, with `|` escaped so it stays inside a table cell (GitHub tables split on `|`
 * even inside code spans).
 *
 * @example
 * ```ts
 * markdownCode('a `b` | c'); // '``a `b` \\| c``'
 * ```
 */
export function markdownCode(text: string): string {
  // Line breaks first (as escapeMarkdown does), so a lone CR becomes a space rather than nothing.
  const flat = stripControl(String(text).replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
  // A loop, not Math.max(...runs): a long text has too many runs to spread as arguments.
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * One shell word for a POSIX shell: left bare when it only holds safe characters, otherwise
 * single-quoted (a `'` inside becomes `'\''`), so a printed command can be pasted as is.
 *
 * @example
 * ```ts
 * shellQuote('trump-kim-summit'); // 'trump-kim-summit'
 * shellQuote("it's"); // `'it'\''s'`
 * ```
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
