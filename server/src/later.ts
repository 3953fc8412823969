/**
 * A later turn of the event loop, after the messages already waiting: in
 * Node `setImmediate`; in a browser worker (which has none) a message to
 * itself through a `MessageChannel`, which, unlike a zero `setTimeout`, is
 * not clamped to 4 ms when chained. Used to coalesce a burst of changes and
 * to let requests run between indexed files.
 */
type Cancel = () => void;

const schedule: (fn: () => void) => Cancel =
  typeof setImmediate === 'function'
    ? (fn) => {
        const handle = setImmediate(fn);
        return () => clearImmediate(handle);
      }
    : (() => {
        const waiting = new Map<number, () => void>();
        let next = 0;
        const channel = new MessageChannel();
        channel.port1.onmessage = (e: MessageEvent<number>) => {
          const fn = waiting.get(e.data);
          waiting.delete(e.data);
          fn?.();
        };
        return (fn: () => void): Cancel => {
          const id = next++;
          waiting.set(id, fn);
          channel.port2.postMessage(id);
          return () => waiting.delete(id);
        };
      })();

/** Runs `fn` on a later turn; the returned function cancels it. */
export function later(fn: () => void): Cancel {
  return schedule(fn);
}

/** Resolves on a later turn. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => schedule(resolve));
}
