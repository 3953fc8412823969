/** `FileAccess` answered by the client (`transcript/file*` requests; see `requests.ts`). */
import type { Connection } from 'vscode-languageserver';
import {
  FILE_FIND,
  FILE_READ,
  FILE_STAT,
  type FileFindParams,
  type FileFindResult,
  type FileReadResult,
  type FileStatResult,
  type FileUriParams,
} from '../requests';
import { SKIP_DIRS, type FileAccess, type FileStat } from './access';

export function clientFiles(connection: Connection): FileAccess {
  /**
   * Stats that came with the files of the last search, each used once (a
   * later stat asks again): the index reads what it found right after.
   */
  const found = new Map<string, FileStat>();
  return {
    async stat(uri) {
      const known = found.get(uri);
      if (known) {
        found.delete(uri);
        return known;
      }
      const r = await connection.sendRequest<FileStatResult>(FILE_STAT, {
        uri,
      } satisfies FileUriParams);
      return r ?? undefined;
    },
    async readText(uri) {
      const r = await connection.sendRequest<FileReadResult>(FILE_READ, {
        uri,
      } satisfies FileUriParams);
      return r.text;
    },
    async findFiles(folder, extensions) {
      const params: FileFindParams = { folder, extensions, skip: SKIP_DIRS };
      const r = await connection.sendRequest<FileFindResult>(FILE_FIND, params);
      // Those of an earlier search are old by now.
      found.clear();
      r.uris.forEach((uri, i) => {
        const stat = r.stats?.[i];
        if (stat) found.set(uri, stat);
      });
      return [...r.uris];
    },
    // The editor's file system API resolves no links; the client leaves linked files out.
    realUri: (uri) => Promise.resolve(uri),
  };
}
