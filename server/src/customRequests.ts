/** The custom requests (`requests.ts`): shift, statistics, export and import. */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { parseOffset, shiftScopeAt, shiftTimestamps, statistics, statisticsMarkdown } from './core';
import { exportTranscript, importTranscript, isExportFormat } from './core/formats';
import type { TranscriptDocuments } from './documents';
import { toWorkspaceEdit } from './protocol';
import {
  EXPORT,
  IMPORT,
  SHIFT_TIMESTAMPS,
  STATISTICS,
  type ExportParams,
  type ExportResponse,
  type ImportParams,
  type ImportResponse,
  type ShiftTimestampsParams,
  type ShiftTimestampsResult,
  type StatisticsParams,
  type StatisticsResult,
} from './requests';
import { runSafe } from './runSafe';

export function registerCustomRequests(connection: Connection, docs: TranscriptDocuments): void {
  const log = { error: (m: string) => connection.console.error(m) };

  connection.onRequest(SHIFT_TIMESTAMPS, (p: ShiftTimestampsParams, token) =>
    docs.withDocument<ShiftTimestampsResult>(
      'shiftTimestamps',
      p,
      { message: 'The document is not open' },
      token,
      (a, doc) => {
        const offset = parseOffset(p.offset);
        if (offset === undefined)
          return {
            message: `'${p.offset}' is not an offset: write seconds or a time with a sign, such as -12, +1:30 or -0:00:05`,
          };
        const empty =
          p.range.start.line === p.range.end.line &&
          p.range.start.character === p.range.end.character;
        const scope = empty
          ? shiftScopeAt(a.model, p.range.start.line)
          : { lines: [p.range.start.line, p.range.end.line] as const };
        const r = shiftTimestamps(a.model, offset, scope);
        if (!r.ok) return { message: r.message };
        if (r.edits.length === 0) return { message: 'No timestamps to shift there' };
        return {
          edit: toWorkspaceEdit(doc.uri, doc.version, r.edits),
          message: `Shifted ${r.stamps} ${r.stamps === 1 ? 'timestamp' : 'timestamps'} and ${r.chapters} chapter ${r.chapters === 1 ? 'time' : 'times'} by ${p.offset.trim()}`,
        };
      },
    ),
  );

  connection.onRequest(STATISTICS, (p: StatisticsParams, token) =>
    docs.withDocument<StatisticsResult>('statistics', p, { markdown: '' }, token, (a) => {
      const name = decodeURIComponent(
        p.textDocument.uri.slice(p.textDocument.uri.lastIndexOf('/') + 1),
      );
      return { markdown: statisticsMarkdown(statistics(a.model), name) };
    }),
  );

  connection.onRequest(EXPORT, (p: ExportParams, token) =>
    docs.withDocument<ExportResponse>(
      'export',
      p,
      { ok: false, message: 'The document is not open', errors: 0 },
      token,
      (a, doc, settings) => {
        if (!isExportFormat(p.format))
          return { ok: false, message: `Unknown format '${p.format}'`, errors: 0 };
        // The core ignores widths and lengths that are not positive finite numbers.
        const r = exportTranscript(doc.getText(), p.format, {
          force: p.force === true,
          settings,
          lineWidth: p.lineWidth,
          episodeLength: p.episodeLength,
          chaptersTrack: p.chaptersTrack === true,
          fileName: URI.parse(doc.uri).path,
          sideChapters: a.model.sideChapters,
        });
        return r.ok
          ? {
              ok: true,
              content: r.content,
              extension: r.extension,
              warnings: r.warnings,
              chaptersTrack: r.chaptersTrack,
            }
          : { ok: false, message: r.message, errors: r.errors.length };
      },
    ),
  );

  connection.onRequest(IMPORT, (p: ImportParams, token) =>
    runSafe<ImportResponse>(
      log,
      'import',
      { ok: false, message: 'The import failed' },
      token,
      () => {
        const r = importTranscript(p.content, {
          chapters: p.chapters,
          paragraphs: p.paragraphs,
        });
        return r.ok ? { ok: true, text: r.text, format: r.format, warnings: r.warnings } : r;
      },
    ),
  );
}
