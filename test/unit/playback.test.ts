import { strict as assert } from 'node:assert';
import {
  audioCandidates,
  chapterAtTime,
  paragraphAtTime,
  paragraphRange,
  parse,
  playability,
  playableLines,
  playerStatus,
  resumeTime,
  seekBy,
  stampForTime,
  stepRate,
  timeAtPosition,
  transcriptBaseName,
} from '../../server/src/core';
import { isFromWebview, isSavedPlayerState, isToWebview } from '../../client/src/player/messages';
import { CLEAN, lines } from './util';

// CLEAN (0-based lines): 2 '0:00:00 Begrüßung', 3 '0:01:10 Neuigkeiten', 10 'Transcript',
// 11 heading 'Begrüßung', 12 'Malte:', 13 '[0:05] …', 14 'Stefan:', 15 '[0:20] …',
// 16 heading 'Neuigkeiten', 17 'Malte:', 18 '[1:12] …', 19 'Weiter geht es.',
// 20 '[1:40] …', 21 'Stefan:', 22 '[2:05] Danke.'
describe('playback: time ↔ text', () => {
  const model = parse(CLEAN);
  const lineAt = (t: number) => paragraphAtTime(model, t)?.paragraph.startLine;

  it('finds the paragraph spoken at a time: the last stamp at or before it', () => {
    assert.equal(lineAt(5), 13);
    assert.equal(lineAt(19.99), 13);
    assert.equal(lineAt(20), 15);
    assert.equal(lineAt(71), 15);
    assert.equal(lineAt(72), 18);
    assert.equal(lineAt(99), 18);
    assert.equal(lineAt(100), 20);
  });

  it('has no paragraph before the first stamp', () => {
    assert.equal(paragraphAtTime(model, 0), undefined);
    assert.equal(paragraphAtTime(model, 4.999), undefined);
  });

  it('stays on the last paragraph after the last stamp', () => {
    assert.equal(lineAt(125), 22);
    assert.equal(lineAt(10_000), 22);
  });

  it('skips stamps that are out of order', () => {
    const m = parse(
      lines('Transcript', 'A:', '[0:10] eins', '[2:14:07] zwei', '[0:30] drei', '[0:40] vier'),
    );
    assert.equal(paragraphAtTime(m, 35)?.paragraph.startLine, 4);
    // The typo'd stamp never wins, even at its own time.
    assert.equal(paragraphAtTime(m, 8047)?.paragraph.startLine, 5);
    assert.equal(paragraphAtTime(m, 20)?.paragraph.startLine, 2);
  });

  it('gives the time a cursor line stands for', () => {
    assert.equal(timeAtPosition(model, 0), 0, 'before the body');
    assert.equal(timeAtPosition(model, 10), 0, 'the Transcript header');
    assert.equal(timeAtPosition(model, 3), 70, 'a chapter entry');
    assert.equal(timeAtPosition(model, 11), 0, 'heading Begrüßung: its chapter time');
    assert.equal(timeAtPosition(model, 16), 70, 'heading Neuigkeiten: its chapter time');
    assert.equal(timeAtPosition(model, 12), 5, 'a label: the next paragraph');
    assert.equal(timeAtPosition(model, 13), 5);
    assert.equal(timeAtPosition(model, 19), 72, 'a paragraph continued on a second line');
    assert.equal(timeAtPosition(model, 21), 125, 'a label');
    assert.equal(timeAtPosition(model, 22), 125, 'the last paragraph');
  });

  it('gives the last stamp after the last paragraph', () => {
    const m = parse(CLEAN + '\n\nStefan:\n');
    assert.equal(timeAtPosition(m, 24), 125);
  });

  it('highlights a paragraph from its first line to the end of its last', () => {
    const p = paragraphAtTime(model, 80)!.paragraph;
    assert.deepEqual(paragraphRange(model, p), {
      start: { line: 18, character: 0 },
      end: { line: 19, character: 'Weiter geht es.'.length },
    });
  });

  it('names the chapter playing at a time', () => {
    assert.equal(chapterAtTime(model, 0)?.title, 'Begrüßung');
    assert.equal(chapterAtTime(model, 69)?.title, 'Begrüßung');
    assert.equal(chapterAtTime(model, 70)?.title, 'Neuigkeiten');
    assert.equal(chapterAtTime(parse(lines('Transcript', 'A:', '[0:01] x')), 5), undefined);
  });

  it('puts a Play from Here lens on each turn and chapter heading, never two in a row', () => {
    // Lines 11 and 16 are headings, right above the turns of lines 12 and 17:
    // the heading keeps its lens, the turn below it has none.
    assert.deepEqual(
      playableLines(model).map((l) => `${l.line}@${l.seconds}`),
      ['11@0', '14@20', '16@70', '21@125'],
    );
    // A second paragraph of a turn gets no lens of its own.
    assert.ok(!playableLines(model).some((l) => l.line === 19));
    // A turn after prose and a blank line keeps its lens.
    const apart = parse(lines('Transcript', 'A:', '[0:01] x', '', 'B:', '[0:05] y'));
    assert.deepEqual(
      playableLines(apart).map((l) => l.line),
      [1, 4],
    );
  });

  it('with the cursor mode, only the lens at or above the cursor', () => {
    const at = (line: number) => playableLines(model, line).map((l) => `${l.line}@${l.seconds}`);
    assert.deepEqual(at(0), ['11@0']);
    assert.deepEqual(at(13), ['11@0']);
    assert.deepEqual(at(15), ['14@20']);
    assert.deepEqual(at(19), ['16@70']);
    assert.deepEqual(at(22), ['21@125']);
    assert.deepEqual(playableLines(parse('no transcript'), 3), []);
  });
});

describe('playback: player rules', () => {
  it('steps the rate by 0.25 between 0.5x and 2x', () => {
    assert.equal(stepRate(1, 1), 1.25);
    assert.equal(stepRate(1, -1), 0.75);
    assert.equal(stepRate(2, 1), 2);
    assert.equal(stepRate(0.5, -1), 0.5);
    assert.equal(stepRate(1.1, 1), 1.25);
    assert.equal(stepRate(NaN, 1), 1.25);
  });

  it('rewinds a little on resume, never before 0', () => {
    assert.equal(resumeTime(10, 2), 8);
    assert.equal(resumeTime(1, 2), 0);
    assert.equal(resumeTime(10, 0), 10);
    assert.equal(resumeTime(10, -3), 10);
  });

  it('seeks within the audio', () => {
    assert.equal(seekBy(3, -5), 0);
    assert.equal(seekBy(38, 5, 40), 40);
    assert.equal(seekBy(10, 5), 15);
  });

  it('writes stamps as [m:ss], [h:mm:ss] from an hour on', () => {
    assert.equal(stampForTime(0), '[0:00]');
    assert.equal(stampForTime(21.9), '[0:21]');
    assert.equal(stampForTime(754), '[12:34]');
    assert.equal(stampForTime(3599.99), '[59:59]');
    assert.equal(stampForTime(3600), '[1:00:00]');
    assert.equal(stampForTime(3725), '[1:02:05]');
    assert.equal(stampForTime(-1), '[0:00]');
  });

  it('shows time and chapter in the status bar', () => {
    assert.equal(playerStatus(754, true, 'Newsrückschau'), '▶ 12:34 · Newsrückschau');
    assert.equal(playerStatus(3, false), '⏸ 0:03');
  });

  it('looks for audio named like the transcript', () => {
    assert.equal(transcriptBaseName('episode-153.txt'), 'episode-153');
    assert.equal(transcriptBaseName('a.transcript'), 'a');
    assert.equal(transcriptBaseName('a.transcript.txt'), 'a');
    assert.equal(transcriptBaseName('episode.vtt'), 'episode');
    assert.equal(transcriptBaseName('episode.SRT'), 'episode');
    assert.equal(transcriptBaseName('otter.md'), 'otter');
    assert.deepEqual(audioCandidates('episode-153.txt').slice(0, 2), [
      'episode-153.mp3',
      'episode-153.ogg',
    ]);
    assert.equal(audioCandidates('x.txt').length, 8);
  });

  it('says plainly that AAC/M4A cannot play, and how to convert', () => {
    assert.deepEqual(playability('a.mp3'), { ok: true });
    assert.deepEqual(playability('a.OGG'), { ok: true });
    const m4a = playability('ep.m4a');
    assert.equal(m4a.ok, false);
    assert.match(!m4a.ok ? m4a.message : '', /ffmpeg -i "ep\.m4a" "ep\.mp3"/);
    assert.equal(playability('ep.aac').ok, false);
  });
});

describe('playback: webview messages', () => {
  it('accepts well-formed messages and rejects unknown types and wrong fields', () => {
    assert.ok(isFromWebview({ type: 'ready' }));
    assert.ok(
      isFromWebview({ type: 'status', time: 1, duration: -1, playing: true, rate: 1, ack: 3 }),
    );
    assert.ok(
      !isFromWebview({ type: 'status', time: '1', duration: 1, playing: true, rate: 1, ack: 0 }),
    );
    assert.ok(
      !isFromWebview({ type: 'status', time: NaN, duration: 1, playing: true, rate: 1, ack: 0 }),
    );
    assert.ok(!isFromWebview({ type: 'ready', extra: 1 }));
    assert.ok(!isFromWebview({ type: 'eval', code: 'x' }));
    assert.ok(!isFromWebview(null));
    assert.ok(!isFromWebview('ready'));
    assert.ok(isToWebview({ type: 'play', seq: 1 }));
    assert.ok(isToWebview({ type: 'play', seq: 1, time: 20 }));
    assert.ok(!isToWebview({ type: 'play', time: 20 }));
    assert.ok(!isToWebview({ type: 'seek', seq: 1, time: Infinity }));
    assert.ok(!isToWebview({ type: 'toString', seq: 1 }));
  });

  it('restores a panel only from a complete, sane saved state', () => {
    const good = {
      transcript: 'file:///e/ep.txt',
      audio: 'file:///e/ep.mp3',
      time: 12.5,
      rate: 1.5,
    };
    assert.ok(isSavedPlayerState(good));
    assert.ok(isSavedPlayerState({ ...good, extra: true }), 'the webview may keep more');
    assert.ok(!isSavedPlayerState(undefined));
    assert.ok(!isSavedPlayerState({ time: 3, rate: 1 }), 'a state from before the URIs were kept');
    assert.ok(!isSavedPlayerState({ ...good, audio: 7 }));
    assert.ok(!isSavedPlayerState({ ...good, time: -1 }));
    assert.ok(!isSavedPlayerState({ ...good, time: Infinity }));
    assert.ok(!isSavedPlayerState({ ...good, rate: 16 }));
  });
});
