/**
 * The JSON encoder of the Node server's stdio writer: as vscode-jsonrpc's
 * own, but a published diagnostic is encoded once per diagnostic object and
 * its bytes reused. After a keystroke most findings are the ones before it
 * (see `diagnosticOf`); encoding a list of thousands again, as one string
 * of most of a megabyte and then its bytes, cost more than analysing the
 * edit.
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver';

const utf8 = new TextEncoder();
const written = new WeakMap<object, Uint8Array>();

function bytesOf(diagnostic: unknown): Uint8Array {
  if (diagnostic === null || typeof diagnostic !== 'object')
    return utf8.encode(JSON.stringify(diagnostic) ?? 'null');
  let bytes = written.get(diagnostic);
  if (bytes === undefined)
    written.set(diagnostic, (bytes = utf8.encode(JSON.stringify(diagnostic))));
  return bytes;
}

const COMMA = 44;
const END = utf8.encode(']}}');

/** A message as UTF-8 JSON; a publishDiagnostics notification from its diagnostics' kept bytes. */
export function messageBytes(message: Message): Uint8Array {
  const { params, ...rest } = message as Message & { method?: unknown; params?: unknown };
  const list = (params as { diagnostics?: unknown } | null | undefined)?.diagnostics;
  if (rest.method !== 'textDocument/publishDiagnostics' || !Array.isArray(list))
    return utf8.encode(JSON.stringify(message));
  const others: Record<string, unknown> = { ...(params as object) };
  delete others.diagnostics;
  // Both end in an empty list, `[]}`, and the kept parts go between the
  // brackets: `params` is the message's last member, `diagnostics` its.
  const head = utf8.encode(
    JSON.stringify({ ...rest, params: [] }).slice(0, -3) +
      JSON.stringify({ ...others, diagnostics: [] }).slice(0, -2),
  );
  const parts = list.map(bytesOf);
  let size = head.length + Math.max(0, parts.length - 1) + END.length;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  out.set(head);
  let at = head.length;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[at++] = COMMA;
    out.set(parts[i], at);
    at += parts[i].length;
  }
  out.set(END, at);
  return out;
}

export const cachedJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message) => {
    try {
      return Promise.resolve(messageBytes(message));
    } catch (e) {
      return Promise.reject(e);
    }
  },
};
