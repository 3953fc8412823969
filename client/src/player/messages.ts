/**
 * Messages between the player webview and the extension: typed as
 * discriminated unions and validated on receipt on both sides (an unknown
 * `type` or a field of the wrong type is rejected).
 *
 * The webview's script is generated from this file's validator
 * (`validatorSource`), so both sides check with the same rules.
 */
import { MAX_RATE, MIN_RATE } from '../../../server/src/core/playback';

/**
 * Extension → webview. Each carries `seq`, a counter the webview echoes as
 * `ack` in its status, so that a status sent before a command arrived does
 * not overwrite the state that command set.
 */
export type ToWebview = { seq: number } & (
  | {
      type: 'load';
      /** The audio's webview URI. */
      src: string;
      /** The file name shown in the player. */
      name: string;
      /** Start at this time (seconds). */
      time: number;
      rate: number;
      /** The transcript's and the audio's URIs, kept in the webview's state to restore the panel after a reload. */
      transcript: string;
      audio: string;
    }
  | { type: 'unplayable'; name: string; message: string }
  | { type: 'play'; time?: number }
  | { type: 'pause' }
  | { type: 'seek'; time: number }
  | { type: 'rate'; rate: number }
);

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | {
      type: 'status';
      time: number;
      /** NaN until the metadata is loaded: sent as -1. */
      duration: number;
      playing: boolean;
      rate: number;
      /** The `seq` of the last message received. */
      ack: number;
    }
  | { type: 'error'; message: string };

type FieldKind = 'string' | 'number' | 'boolean';
/** For each message type, its fields: kind and whether it is optional. */
type Schema = Record<string, Record<string, [FieldKind, boolean]>>;

export const TO_WEBVIEW_SCHEMA: Schema = {
  load: {
    seq: ['number', false],
    src: ['string', false],
    name: ['string', false],
    time: ['number', false],
    rate: ['number', false],
    transcript: ['string', false],
    audio: ['string', false],
  },
  unplayable: { seq: ['number', false], name: ['string', false], message: ['string', false] },
  play: { seq: ['number', false], time: ['number', true] },
  pause: { seq: ['number', false] },
  seek: { seq: ['number', false], time: ['number', false] },
  rate: { seq: ['number', false], rate: ['number', false] },
};

export const FROM_WEBVIEW_SCHEMA: Schema = {
  ready: {},
  status: {
    time: ['number', false],
    duration: ['number', false],
    playing: ['boolean', false],
    rate: ['number', false],
    ack: ['number', false],
  },
  error: { message: ['string', false] },
};

/**
 * Whether `value` is a message of `schema`: an object with a known `type`,
 * each required field present with its kind, numbers finite, and no other
 * fields.
 */
export function validate(schema: Schema, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const msg = value as Record<string, unknown>;
  if (typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(schema, msg.type))
    return false;
  const fields = schema[msg.type];
  for (const key of Object.keys(msg)) {
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(fields, key)) return false;
  }
  for (const [key, [kind, optional]] of Object.entries(fields)) {
    const v = msg[key];
    if (v === undefined) {
      if (optional) continue;
      return false;
    }
    if (typeof v !== kind) return false;
    if (kind === 'number' && !Number.isFinite(v)) return false;
  }
  return true;
}

export function isFromWebview(value: unknown): value is FromWebview {
  return validate(FROM_WEBVIEW_SCHEMA, value);
}

export function isToWebview(value: unknown): value is ToWebview {
  return validate(TO_WEBVIEW_SCHEMA, value);
}

/** The validator as script text for the webview, with the schema it checks incoming messages by. */
export function validatorSource(): string {
  return `const TO_WEBVIEW_SCHEMA = ${JSON.stringify(TO_WEBVIEW_SCHEMA)};\nconst validate = ${validate.toString()};`;
}

/** What the webview keeps with `setState`, handed back by VS Code to restore the panel after a reload. */
export interface SavedPlayerState {
  transcript: string;
  audio: string;
  time: number;
  rate: number;
}

/** Whether a saved state (from a previous window, so untrusted input) is complete and sane. */
export function isSavedPlayerState(value: unknown): value is SavedPlayerState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.transcript === 'string' &&
    typeof v.audio === 'string' &&
    typeof v.time === 'number' &&
    Number.isFinite(v.time) &&
    v.time >= 0 &&
    typeof v.rate === 'number' &&
    v.rate >= MIN_RATE &&
    v.rate <= MAX_RATE
  );
}
