/** The roster core: roster files (JSON with comments), feeds' <podcast:person>, merging, and its effect on the checks. */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis/analyze';
import { fixAllText } from '../../server/src/core/fixes';
import {
  mergeRosters,
  readFeedPeople,
  readRosterFile,
  rosterFromPeople,
  rosterTextWith,
  speakersWith,
} from '../../server/src/core/roster';
import { DEFAULT_SETTINGS, readSettings, withRoster } from '../../server/src/core/settings';
import { NAMES_EPISODE as EPISODE } from './util';

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Amtsstube Digital</title>
    <podcast:person role="host" img="https://example.com/t.jpg">Torsten Frenzel</podcast:person>
    <podcast:person>Malte</podcast:person>
    <item>
      <title>Folge 41</title>
      <podcast:person role="guest">Caroline Krohn</podcast:person>
      <podcast:transcript url="https://example.com/ep41.vtt" type="text/vtt"/>
    </item>
    <item>
      <title>Folge 42</title>
      <podcast:person role="guest">Stephan</podcast:person>
      <podcast:person role="guest">Dr. Jana &amp; Co</podcast:person>
      <enclosure url="https://example.com/media/ep42.mp3?x=1" type="audio/mpeg" length="1"/>
    </item>
  </channel>
</rss>`;

describe('roster', () => {
  it('reads a roster file with comments, trailing commas, aliases, misspellings, ignore, root and feed', () => {
    const r = readRosterFile(`\uFEFF{
      // the hosts
      "speakers": ["Malte", { "name": "Torsten", "misspellings": ["Thorsten"], "aliases": ["Torsti"] },],
      "ignore": ["Stefan Müller"],
      "root": true,
      "feed": "../feed.xml",
    }`);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.speakers, [
      { name: 'Malte', aliases: [], misspellings: [] },
      { name: 'Torsten', aliases: ['Torsti'], misspellings: ['Thorsten'] },
    ]);
    assert.deepEqual(r.ignore, ['Stefan Müller']);
    assert.equal(r.root, true);
    assert.equal(r.feed, '../feed.xml');
  });

  it('says what is wrong in a roster and keeps what it can read, never throwing', () => {
    for (const bad of [
      '',
      '[1,2]',
      '{"speakers": 3}',
      '{"speakers": [1, "Anna"]}',
      '{ "speakers": [',
      '\u0000\u0001',
    ]) {
      const r = readRosterFile(bad);
      assert.ok(r.problems.length > 0, `a problem for ${JSON.stringify(bad)}`);
    }
    assert.deepEqual(readRosterFile('{"speakers": [1, "Anna"]}').speakers, [
      { name: 'Anna', aliases: [], misspellings: [] },
    ]);
  });

  it("reads a feed's people: the channel's and the item whose transcript or enclosure names the file", () => {
    const names = (file?: string) => readFeedPeople(FEED, file).people.map((p) => p.name);
    assert.deepEqual(names(), ['Torsten Frenzel', 'Malte']);
    assert.deepEqual(names('ep41.txt'), ['Torsten Frenzel', 'Malte', 'Caroline Krohn']);
    assert.deepEqual(names('ep42.transcript.txt'), [
      'Torsten Frenzel',
      'Malte',
      'Stephan',
      'Dr. Jana & Co',
    ]);
    assert.equal(readFeedPeople(FEED, 'ep42.txt').people[0].role, 'host');
  });

  it('says when a feed is not one, never throwing', () => {
    for (const bad of ['', 'not xml <<<', '<html><body/></html>', '<rss><channel>']) {
      const r = readFeedPeople(bad);
      assert.deepEqual(r.people, [], JSON.stringify(bad));
      assert.ok(r.problems.length > 0, `a problem for ${JSON.stringify(bad)}`);
    }
    assert.deepEqual(readFeedPeople('<html/>').problems, ['not an RSS feed (no <rss><channel>)']);
  });

  it('merges rosters, nearest first, joining the entries of one name', () => {
    const merged = mergeRosters([
      { speakers: [{ name: 'Torsten', aliases: [], misspellings: ['Thorsten'] }], ignore: ['A'] },
      {
        speakers: [
          { name: 'Torsten', aliases: ['T.'], misspellings: ['Thorsten', 'Torstn'] },
          { name: 'Malte', aliases: [], misspellings: [] },
        ],
        ignore: ['A', 'B'],
      },
    ]);
    assert.deepEqual(merged, {
      speakers: [
        { name: 'Torsten', aliases: ['T.'], misspellings: ['Thorsten', 'Torstn'] },
        { name: 'Malte', aliases: [], misspellings: [] },
      ],
      ignore: ['A', 'B'],
    });
  });

  it('joins the settings: the settings first, then the roster', () => {
    const base = readSettings({ speakers: ['Malte'], ignoreNames: ['X'] }).settings;
    const s = withRoster(base, rosterFromPeople(readFeedPeople(FEED, 'ep42.txt').people));
    assert.deepEqual(
      s.speakers.map((k) => k.name),
      ['Malte', 'Torsten Frenzel', 'Stephan', 'Dr. Jana & Co'],
    );
    assert.deepEqual(s.ignoreNames, ['X']);
    assert.equal(withRoster(DEFAULT_SETTINGS, { speakers: [], ignore: [] }), DEFAULT_SETTINGS);
  });

  it("a feed's full name vouches for the labels and corrects the text toward its parts", () => {
    const settings = withRoster(
      DEFAULT_SETTINGS,
      rosterFromPeople(readFeedPeople(FEED, 'ep42.txt').people),
    );
    const { findings } = analyze(EPISODE, settings);
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line}:${f.code}`),
      [
        '2:speaker-name-in-text',
        '2:speaker-name-in-text',
        '4:speaker-name-in-text',
        '6:speaker-name-in-text',
      ],
    );
    const fixed = fixAllText(EPISODE, settings).text;
    assert.match(fixed, /ich bin Torsten\. Und mit mir ist Stephan\./);
    assert.match(fixed, /\[0:05\] Hallo Torsten\./);
    assert.equal(fixed.match(/^Torsten:$/gm)?.length, 2, 'labels kept');
    assert.equal(fixed.match(/^Stephan:$/gm)?.length, 2, 'labels kept');
  });

  it('a roster that says the text is right turns the finding onto the labels, offered but not applied', () => {
    const settings = readSettings({ speakers: ['Stefan'] }).settings;
    const { findings } = analyze(EPISODE, settings);
    const labels = findings.filter((f) => f.code === 'speaker-spelling');
    assert.deepEqual(
      labels.map((f) => f.range.start.line),
      [3, 7],
    );
    assert.match(
      labels[0].message,
      /'Stephan' \(2 labels\) is a near spelling of the known speaker 'Stefan' \(roster\)/,
    );
    assert.equal(labels[0].fixes![0].preferred, true);
    assert.ok(
      !labels[0].fixes![0].safe,
      'a near spelling of a roster name is not applied unattended',
    );
    // The roster's 'Stefan' is right in the text; only the host's name is respelt there.
    assert.deepEqual(
      findings
        .filter((f) => f.code === 'speaker-name-in-text')
        .map((f) => `${f.range.start.line}:${f.message.slice(0, 51)}`),
      [
        "2:'Thorsten' looks like a misspelling of 'Torsten': s",
        "4:'Thorsten' looks like a misspelling of 'Torsten': s",
      ],
    );
    assert.equal(fixAllText(EPISODE, settings).text.match(/^Stephan:$/gm)?.length, 2);
  });

  it('a roster misspelling is always corrected, in labels and text, also unattended', () => {
    const text = EPISODE.replace('Stephan:\n[0:05]', 'Stefan:\n[0:05]');
    const settings = readSettings({
      speakers: [{ name: 'Stephan', misspellings: ['Stefan'] }],
    }).settings;
    const { findings } = analyze(text, settings);
    const label = findings.find((f) => f.code === 'speaker-spelling')!;
    assert.match(
      label.message,
      /'Stefan' \(1 label\) is listed in the roster as a misspelling of 'Stephan'/,
    );
    assert.equal(label.fixes![0].safe, true);
    const fixed = fixAllText(text, settings).text;
    assert.equal(fixed.match(/Stefan/g), null, 'every Stefan respelt');
    assert.equal(fixed.match(/^Stephan:$/gm)?.length, 2);
  });

  it('adds a speaker, a misspelling or an ignored name to a roster file, keeping its comments', () => {
    const text = '{\n  // the hosts\n  "speakers": ["Malte", { "name": "Torsten" }]\n}\n';
    const speaker = rosterTextWith(text, { kind: 'speaker', name: 'Stephan' })!;
    assert.match(speaker, /\/\/ the hosts/);
    assert.deepEqual(
      readRosterFile(speaker).speakers.map((s) => s.name),
      ['Malte', 'Torsten', 'Stephan'],
    );
    const wrong = rosterTextWith(text, {
      kind: 'misspelling',
      name: 'Thorsten',
      speaker: 'Torsten',
    })!;
    assert.deepEqual(readRosterFile(wrong).speakers[1], {
      name: 'Torsten',
      aliases: [],
      misspellings: ['Thorsten'],
    });
    const ignored = rosterTextWith(text, { kind: 'ignore', name: 'Stefan Müller' })!;
    assert.deepEqual(readRosterFile(ignored).ignore, ['Stefan Müller']);
    // Already there: nothing to write.
    assert.equal(rosterTextWith(text, { kind: 'speaker', name: 'Malte' }), undefined);
    assert.equal(
      rosterTextWith(wrong, { kind: 'misspelling', name: 'Thorsten', speaker: 'Torsten' }),
      undefined,
    );
    assert.equal(rosterTextWith(ignored, { kind: 'ignore', name: 'Stefan Müller' }), undefined);
    // Accepting a minority label as another person adds the near label too, once.
    assert.deepEqual(speakersWith(['Malte'], { kind: 'speaker', name: 'Malt', also: ['Malte'] }), [
      'Malte',
      'Malt',
    ]);
    assert.deepEqual(speakersWith([], { kind: 'speaker', name: 'Malt', also: ['Malte'] }), [
      'Malt',
      'Malte',
    ]);
    assert.equal(
      speakersWith(['Malt', 'Malte'], { kind: 'speaker', name: 'Malt', also: ['Malte'] }),
      undefined,
    );
    // A misspelling of a speaker not listed yet adds the speaker with it.
    assert.deepEqual(
      speakersWith(['Malte'], { kind: 'misspelling', name: 'Stefan', speaker: 'Stephan' }),
      ['Malte', { name: 'Stephan', misspellings: ['Stefan'] }],
    );
  });
});
