/**
 * The stdio writer's encoder: every message is the JSON vscode-jsonrpc would
 * write, and a publishDiagnostics notification reuses each diagnostic's bytes.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { messageBytes } from '../../server/src/jsonEncoder';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the stdio JSON encoder', () => {
  const diagnosticArb = fc.oneof(
    { weight: 8, arbitrary: fc.object({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, 1, 'x', true) },
  );

  it('writes the JSON of any message, diagnostics in order, whatever the members (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant('textDocument/publishDiagnostics'),
          fc.constantFrom('window/logMessage', 'textDocument/didOpen'),
        ),
        fc.array(diagnosticArb, { maxLength: 6 }),
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        fc.boolean(),
        (method, diagnostics, extra, withId) => {
          // The uri and version first, as the server sends them, or after the list.
          const params = { uri: 'file:///a/b%20c.txt', version: 3, ...extra, diagnostics };
          const message = { jsonrpc: '2.0', ...(withId ? { id: 7 } : {}), method, params };
          const once = text(messageBytes(message));
          assert.deepEqual(JSON.parse(once), JSON.parse(JSON.stringify(message)));
          // Again with the same diagnostic objects: their kept bytes, the same JSON.
          assert.equal(text(messageBytes(message)), once);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the diagnostics list last, also when the server puts it first, and encodes UTF-8', () => {
    const d = { message: 'Begrüßung – „Stefan“ 🎙', range: { start: { line: 0, character: 1 } } };
    const message = {
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { diagnostics: [d, d], uri: 'file:///x', version: undefined },
    };
    const bytes = messageBytes(message);
    assert.deepEqual(JSON.parse(text(bytes)), {
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///x', diagnostics: [d, d] },
    });
    assert.equal(bytes.length, Buffer.byteLength(text(bytes)));
    // A request without params, and one whose params are no object.
    for (const m of [
      { jsonrpc: '2.0', id: 1, method: 'shutdown' },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: null },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: [1, 2] },
    ])
      assert.deepEqual(JSON.parse(text(messageBytes(m))), m);
  });
});
