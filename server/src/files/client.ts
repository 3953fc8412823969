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
import { SKIP_DIRS, type FileAccess } from './access';

export function clientFiles(connection: Connection): FileAccess {
  return {
    async stat(uri) {
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
      return [...(await connection.sendRequest<FileFindResult>(FILE_FIND, params)).uris];
    },
    // The editor's file system API resolves no links; the client leaves linked files out.
    realUri: (uri) => Promise.resolve(uri),
  };
}
