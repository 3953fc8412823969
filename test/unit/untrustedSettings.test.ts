/**
 * Settings from a folder the user has not vetted (a cloned repository's
 * `.vscode/settings.json`): bounded in size when read, and restricted to
 * trusted folders where they are lists or maps.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSettings } from '../../server/src/core';
import { SETTINGS_LIMITS } from '../../server/src/core/settings';

describe('settings from an untrusted folder', () => {
  it('reads at most the bounded number of speakers, and says so once', () => {
    const names = Array.from({ length: 600_000 }, (_, i) => `Sprecher ${i}`);
    const { settings, problems } = readSettings({ speakers: names });
    assert.equal(settings.speakers.length, SETTINGS_LIMITS.speakers);
    assert.equal(settings.speakers[0].name, 'Sprecher 0');
    assert.deepEqual(problems, [
      `transcript.speakers has 600000 entries; using the first ${SETTINGS_LIMITS.speakers}`,
    ]);
  });

  it('ignores names and aliases longer than the bound, and bounds the aliases', () => {
    const long = `M${'!'.repeat(100_000)}a`;
    const atLimit = 'x'.repeat(SETTINGS_LIMITS.nameLength);
    const { settings, problems } = readSettings({
      speakers: [
        long,
        { name: long, aliases: ['Malte'] },
        atLimit,
        {
          name: 'Malte',
          aliases: ['Malle', long, ...Array.from({ length: 600 }, (_, i) => `M${i}`)],
        },
      ],
    });
    assert.deepEqual(
      settings.speakers.map((s) => [s.name, s.aliases.length]),
      [
        [atLimit, 0],
        ['Malte', SETTINGS_LIMITS.aliases],
      ],
    );
    assert.equal(settings.speakers[1].aliases[0], 'Malle');
    assert.ok(!settings.speakers[1].aliases.includes(long));
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(
      problems.every((p) => p.length < 300),
      'no message repeats a huge name',
    );
  });

  it('reports a bounded number of wrong values', () => {
    const findings = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`no-such-code-${i}`, true]),
    );
    const { problems } = readSettings({ findings });
    assert.equal(problems.length, SETTINGS_LIMITS.problems + 1);
    assert.equal(
      problems[problems.length - 1],
      `${100_000 - SETTINGS_LIMITS.problems} more wrong values in the transcript settings`,
    );
  });

  it('declares limited support for untrusted folders and restricts every list or map setting', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      capabilities: {
        untrustedWorkspaces: {
          supported: unknown;
          description?: string;
          restrictedConfigurations?: string[];
        };
      };
      contributes: { configuration: { properties: Record<string, { type: string | string[] }> } };
    };
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.description && untrusted.description.length > 20);
    const settings = pkg.contributes.configuration.properties;
    const listsAndMaps = Object.entries(settings)
      .filter(([, v]) => [v.type].flat().some((t) => t === 'array' || t === 'object'))
      .map(([k]) => k)
      .sort();
    assert.ok(listsAndMaps.includes('transcript.speakers'));
    // Besides lists and maps, the feed: a path the server reads.
    assert.deepEqual(
      [...(untrusted.restrictedConfigurations ?? [])].sort(),
      [...listsAndMaps, 'transcript.feed'].sort(),
    );
  });
});
