/**
 * User text (chapter titles, speaker names, words, file names) put into the
 * Markdown we build (hover, statistics). Escaped so that it stays text: no
 * link or image (so nothing remote is fetched), no HTML, no emphasis, code,
 * strike-through, math or table cell of its own, no heading or list when it
 * starts a line, on one line.
 */

/** ASCII punctuation that starts or ends an inline construct (CommonMark, GFM, math). */
const INLINE = /[\\`*_[\]<&|~$]/g;

export function escapeMarkdown(text: string): string {
  const escaped = text.replace(/[\r\n]+/g, ' ').replace(INLINE, (c) => `\\${c}`);
  // Block markers count only at the start of a line; escaping them elsewhere is harmless.
  return escaped.replace(/^([ \t]*)(?:([#>+=-])|(\d+)([.)]))/, (_m, space, marker, digits, dot) =>
    marker ? `${space}\\${marker}` : `${space}${digits}\\${dot}`,
  );
}
