/** Text helpers shared by the publishing formats: cleaning, escaping and wrapping. */

function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

/**
 * Removes what no publishing format can carry: C0 control characters other
 * than tab, DEL and the C1 controls, lone surrogates and noncharacters. They
 * are never words (HTML and XML reject them; WebVTT players show them as
 * boxes), so dropping them loses nothing a listener said. Line breaks,
 * vertical tabs, form feeds and NEL become spaces, so no two words merge.
 */
export function clean(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let drop = false;
    let width = 1;
    if (c === 10 || c === 11 || c === 12 || c === 13 || c === 0x85) {
      out += `${s.slice(from, i)} `;
      from = i + 1;
      continue;
    }
    if (c < 0x20) drop = c !== 9;
    else if (c >= 0x7f && c <= 0x9f) drop = true;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 2;
        drop = isNoncharacter(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      } else drop = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) drop = true;
    else drop = isNoncharacter(c);
    if (drop) {
      out += s.slice(from, i);
      from = i + width;
    }
    i += width - 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Runs of spaces, tabs and zero-width no-break spaces become one space; ends trimmed. */
export function normalizeSpace(s: string): string {
  return s.replace(/[ \t\uFEFF]+/g, ' ').trim();
}

/** The words of a text (split at white space; a no-break space keeps two words together). */
export function words(s: string): string[] {
  const t = normalizeSpace(s);
  return t === '' ? [] : t.split(' ');
}

/** Length in code points, so that a character outside the BMP counts once. */
export function displayLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/**
 * Greedy line wrapping: as many words per line as fit in `width`, never
 * breaking a word (a word longer than the width gets a line of its own).
 */
export function wrap(ws: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let length = 0;
  for (const w of ws) {
    const l = displayLength(w);
    if (line === '') {
      line = w;
      length = l;
    } else if (length + 1 + l <= width) {
      line += ` ${w}`;
      length += 1 + l;
    } else {
      lines.push(line);
      line = w;
      length = l;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Escapes text for HTML text content and WebVTT cue text: `&`, `<`, `>`. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted XML or HTML attribute. */
export function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;');
}
