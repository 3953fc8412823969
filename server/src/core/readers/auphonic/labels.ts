/**
 * Which label candidates are speaker labels: those followed (past blank
 * lines and headings) by a timestamp line, and names confirmed that way
 * elsewhere when followed by another label or nothing. A candidate that is
 * no label is prose (`Und zwar:`).
 */
import { Label } from '../../bodyNodes';
import type { SpeakerLabel } from '../../model';
import type { BodyLines } from './body';
import { BLANK, CANDIDATE, HEADING, MALFORMED, STAMP, TEXT, type Scan } from './state';

export function confirmLabels(
  scan: Scan,
  bodyLines: Int32Array,
  { kinds, proseStart, candidates }: BodyLines,
): SpeakerLabel[] {
  const { source, text } = scan;
  const n = bodyLines.length;
  const nextSignificant = scan.kindTables(n).next; // BLANK: nothing follows
  let next = BLANK;
  for (let i = n - 1; i >= 0; i--) {
    nextSignificant[i] = next;
    if (kinds[i] !== BLANK && kinds[i] !== HEADING) next = kinds[i];
  }
  const confirmed = new Set<string>();
  for (const c of candidates) {
    const after = nextSignificant[c.i];
    if (after === STAMP || after === MALFORMED) confirmed.add(c.name);
  }
  const labels: SpeakerLabel[] = [];
  for (const c of candidates) {
    const line = bodyLines[c.i];
    const after = nextSignificant[c.i];
    const isLabel =
      after === STAMP ||
      after === MALFORMED ||
      (confirmed.has(c.name) && (after === BLANK || after === CANDIDATE));
    if (isLabel) {
      const colon = source.indexOf(':', text.lineStart(line) + c.end) - text.lineStart(line);
      labels.push(new Label(line, c.name, c.start, c.end, colon + 1));
    } else {
      kinds[c.i] = TEXT;
      proseStart[c.i] = c.start;
    }
  }

  return labels;
}
