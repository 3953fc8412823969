/**
 * The open documents' text as the server keeps it: a `LineIndex` per
 * version, changed by `applyChange`. A keystroke inside a line makes a text
 * that is not joined into one string until something asks for all of it,
 * so typing in a transcript of many megabytes copies its line table, not
 * its text (see `LineIndex.withLine`); the checks read such a text line by
 * line (see `reread`).
 */
import type { TextDocuments } from 'vscode-languageserver';
import type {
  Position,
  Range,
  TextDocument,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-textdocument';
import { applyChange, LineIndex } from './core';

export class LineDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    /** The text, indexed by lines. */
    public index: LineIndex,
  ) {}

  getText(range?: Range): string {
    return range ? this.index.textIn(range) : this.index.text;
  }

  positionAt(offset: number): Position {
    return this.index.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.index.offsetAt(position);
  }

  getLineRange(line: number): Range {
    const { index } = this;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return index.lineRange(Math.min(line, index.lineCount - 1));
  }

  getEOLCharacters(line: number): string {
    return this.index.breakAfter(line);
  }

  get lineCount(): number {
    return this.index.lineCount;
  }
}

/** How `TextDocuments` makes and changes `LineDocument`s. */
export const lineDocuments: ConstructorParameters<typeof TextDocuments<LineDocument>>[0] = {
  create: (uri, languageId, version, content) =>
    new LineDocument(uri, languageId, version, new LineIndex(content)),
  update(document, changes: TextDocumentContentChangeEvent[], version) {
    let { index } = document;
    for (const change of changes)
      index =
        'range' in change
          ? applyChange(index, change.range, change.text)
          : new LineIndex(change.text);
    document.index = index;
    document.version = version;
    return document;
  },
};
