/**
 * Reading a file the user picked as UTF-8 text, as the CLI does: bytes that
 * are not UTF-8 are refused with a clear message, never replaced by U+FFFD.
 * Plain functions (no editor API), so the rule is tested without VS Code.
 */

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** Decodes UTF-8 (a byte order mark is dropped); `name` is the file as shown to the user. */
export function decodeUtf8(bytes: Uint8Array, name: string): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, message: `${name}: UTF-16; convert it to UTF-8 first` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      message: `${name}: not valid UTF-8; convert it to UTF-8 first so that no character is lost`,
    };
  }
}
