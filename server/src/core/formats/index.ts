/** Publishing formats: export to and import from WebVTT, SRT, JSON, HTML and chapter files. */
export {
  describeErrors,
  EXPORT_FORMATS,
  exportTranscript,
  FORMAT_INFO,
  isExportFormat,
  type ExportFailure,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type ExportSuccess,
} from './export';
export {
  detectImportFormat,
  importTranscript,
  labelName,
  type ImportFormat,
  type ImportOptions,
  type ImportResult,
} from './import';
export type { ChaptersFormat } from './readChapters';
export { buildDocument, type Chapter, type Cue, type PublishDocument } from './document';
