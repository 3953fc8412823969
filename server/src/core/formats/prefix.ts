/**
 * The `Name: ` that starts a cue in SRT files (and in WebVTT cues without a
 * voice span), as the Podcasting 2.0 SRT properties describe: "include the
 * speaker's name, followed by a colon". To keep ordinary text that happens to
 * start with "Word: " from reading as a speaker, a name is one to four words
 * of letters, digits and the punctuation names use (`. - ' ’ & / + _`),
 * starting with a capital letter or a digit, 60 characters at most.
 */

const NAME = /^[\p{Lu}\p{Lt}\p{N}][\p{L}\p{M}\p{N} .'’&/+_-]*$/u;
const PREFIX = /^([^:\r\n]{1,240}):(?:[ \t]+|$|(?=[\r\n]))/;

export interface SpeakerPrefix {
  readonly name: string;
  /** Characters the prefix takes, the space after the colon included. */
  readonly length: number;
}

export function isSpeakerName(name: string): boolean {
  return name.length <= 60 && NAME.test(name) && name.split(/\s+/).length <= 4;
}

/** The prefix at the start of `text`; `decode` turns the name as written into text (WebVTT escapes). */
export function speakerPrefix(
  text: string,
  decode: (s: string) => string = (s) => s,
): SpeakerPrefix | undefined {
  const m = PREFIX.exec(text);
  if (!m) return undefined;
  const name = decode(m[1]).trimEnd();
  return isSpeakerName(name) ? { name, length: m[0].length } : undefined;
}
