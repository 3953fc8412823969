/** Every handler runs through here: errors become a logged, neutral answer; cancellation is honoured. */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

export async function runSafe<T>(
  logger: Logger,
  name: string,
  fallback: T,
  token: CancellationToken | undefined,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await fn();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (e) {
    // An error meant for the user (e.g. "cannot rename here") is the answer.
    if (e instanceof ResponseError) return e;
    logger.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
