/**
 * Golden snapshots in the style of vscode-tmgrammar-snap: each source line is
 * written after a `>`, then one line per token, `#` followed by carets under
 * the token's columns and the token's scopes, outermost first.
 *
 *   >Torsten:
 *   #^^^^^^^ text.transcript meta.speaker-label.transcript entity.name.type.speaker.transcript
 *   #       ^ text.transcript meta.speaker-label.transcript punctuation.separator.speaker.transcript
 *
 * Invisible characters are shown as one visible character each so that the
 * carets stay aligned: a carriage return as `␍`, a byte order mark as `¤`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TokenizedLine } from './tokenize';

export const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function visible(text: string): string {
  return text.replace(/\r/g, '␍').replace(/\uFEFF/g, '¤');
}

export function renderSnapshot(lines: TokenizedLine[]): string {
  const out: string[] = [];
  for (const { line, tokens } of lines) {
    out.push('>' + visible(line));
    let column = 0;
    for (const token of tokens) {
      out.push(`#${' '.repeat(column)}${'^'.repeat(token.text.length)} ${token.scopes.join(' ')}`);
      column += token.text.length;
    }
  }
  return out.join('\n') + '\n';
}

/**
 * Compares `actual` with the stored snapshot. With UPDATE_SNAPSHOTS=1 the
 * snapshot is (re)written instead; otherwise a missing snapshot is a failure.
 */
export function matchSnapshot(snapshotPath: string, actual: string): void {
  if (UPDATE) {
    fs.mkdirSync(path.dirname(snapshotPath), { recursive: true });
    fs.writeFileSync(snapshotPath, actual);
    return;
  }
  if (!fs.existsSync(snapshotPath)) {
    assert.fail(
      `missing snapshot ${path.relative(process.cwd(), snapshotPath)}; ` +
        'run with UPDATE_SNAPSHOTS=1 to create it, then review it',
    );
  }
  const expected = fs.readFileSync(snapshotPath, 'utf8');
  assert.equal(
    actual,
    expected,
    `tokens differ from ${path.relative(process.cwd(), snapshotPath)}; ` +
      'if the change is intended, run with UPDATE_SNAPSHOTS=1 and review the diff',
  );
}
