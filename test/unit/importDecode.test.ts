/**
 * The editor's Import reads the picked files as the CLI reads them: bytes
 * that are not UTF-8 are refused with a message, never replaced by U+FFFD.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTranscript } from '../../cli/src/files';
import { decodeUtf8 } from '../../client/src/utf8';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const cue = (text: string) => `1\n00:00:01,000 --> 00:00:02,000\n${text}\n`;

const CASES: [string, Uint8Array][] = [
  ['UTF-8 with umlauts', utf8(cue('Grüße aus Köln'))],
  ['UTF-8 with a byte order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(cue('Grüße'))])],
  ['Latin-1', new Uint8Array(Buffer.from(cue('Grüße aus Köln'), 'latin1'))],
  ['a multi-byte character cut short', new Uint8Array([...utf8(cue('Gr')), 0xc3])],
  ['an overlong slash', new Uint8Array([...utf8(cue('a')), 0xc0, 0xaf])],
  ['an encoded surrogate', new Uint8Array([...utf8(cue('a')), 0xed, 0xa0, 0x80])],
  [
    'UTF-16 with a byte order mark',
    new Uint8Array(Buffer.from('\ufeff' + cue('Grüße'), 'utf16le')),
  ],
];

describe("the editor's Import decoding", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-decode-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses Latin-1 with the name of the file and says why', () => {
    const r = decodeUtf8(CASES[2][1], 'interview.srt');
    assert.deepEqual(r, {
      ok: false,
      message:
        'interview.srt: not valid UTF-8; convert it to UTF-8 first so that no character is lost',
    });
  });

  it('names UTF-16 as such', () => {
    const r = decodeUtf8(CASES[6][1], 'interview.srt');
    assert.deepEqual(r, { ok: false, message: 'interview.srt: UTF-16; convert it to UTF-8 first' });
  });

  for (const [what, bytes] of CASES)
    it(`agrees with the CLI on ${what}`, async () => {
      const file = path.join(dir, 'in.srt');
      fs.writeFileSync(file, bytes);
      const editor = decodeUtf8(bytes, 'in.srt');
      let cli: Awaited<ReturnType<typeof readTranscript>>;
      try {
        cli = await readTranscript(file);
      } catch (e) {
        // The CLI refuses UTF-16 outright; the editor names it the same way.
        assert.match(String(e), /is UTF-16 .*convert it to UTF-8 first/);
        assert.deepEqual(editor, {
          ok: false,
          message: 'in.srt: UTF-16; convert it to UTF-8 first',
        });
        return;
      }
      assert.equal(editor.ok, cli.validUtf8);
      if (editor.ok) {
        assert.equal(editor.text, cli.text);
        assert.ok(!editor.text.includes('\ufffd'));
      }
    });
});
