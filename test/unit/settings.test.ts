import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/core';
import { CLEAN, codes, settings } from './util';

describe('settings', () => {
  it('reads names, aliases, misspellings, ignored names, the tolerance and per-code switches', () => {
    const s = settings({
      speakers: [
        'Malte',
        { name: 'Stefan', aliases: ['Steff'] },
        { name: 'Torsten', misspellings: [' Thorsten ', ''] },
      ],
      ignoreNames: ['Stefan Müller', ' ', 'Kai'],
      chapterTimeTolerance: 3,
      findings: { 'speaker-spelling': false },
    });
    assert.deepEqual(s.speakers, [
      { name: 'Malte', aliases: [], misspellings: [] },
      { name: 'Stefan', aliases: ['Steff'], misspellings: [] },
      { name: 'Torsten', aliases: [], misspellings: ['Thorsten'] },
    ]);
    assert.deepEqual(s.ignoreNames, ['Stefan Müller', 'Kai']);
    assert.deepEqual(DEFAULT_SETTINGS.ignoreNames, []);
    assert.equal(s.chapterTimeTolerance, 3);
    assert.equal(s.findings['speaker-spelling'], false);
    assert.equal(s.findings['timestamp-order'], true);
  });

  it('replaces wrong values by defaults and says why, never throwing', () => {
    for (const raw of [
      42,
      'x',
      [],
      { speakers: 'Malte' },
      { chapterTimeTolerance: -1 },
      { findings: { nope: true } },
      { findings: { 'timestamp-order': 'off' } },
      { speakers: [null, 3, {}] },
      { ignoreNames: 'Stefan' },
      { speakers: [{ name: 'Torsten', misspellings: 'Thorsten' }] },
    ]) {
      const { settings: s, problems } = readSettings(raw);
      assert.ok(problems.length > 0, JSON.stringify(raw));
      assert.equal(s.chapterTimeTolerance, DEFAULT_SETTINGS.chapterTimeTolerance);
    }
    assert.deepEqual(readSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
    assert.match(
      readSettings({ chapterTimeTolerance: 'ten' }).problems[0],
      /chapterTimeTolerance must be a number/,
    );
  });

  it('switches a finding off', () => {
    const bad = CLEAN.replace('[0:20]', '[0:01]');
    assert.deepEqual(codes(bad), ['16:1 timestamp-order']);
    assert.deepEqual(
      codes(bad, undefined, settings({ findings: { 'timestamp-order': false } })),
      [],
    );
  });
});
