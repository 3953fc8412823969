/**
 * Auphonic's text layout (see the README's format section): sections,
 * chapter list, summaries and tags, then the body of labels, stamp lines and
 * headings. Read in stages, each in its own file, over one shared `Scan`.
 */
import { finding } from '../../findings';
import type { TranscriptModel } from '../../model';
import { noSplit } from '../../scan';
import { range } from '../../text';
import { classifyBody } from './body';
import { confirmLabels } from './labels';
import { Scan } from './state';
import { readBodyLines, readChapterList, readSections, readTagsAndSummaries } from './sections';
import { buildTurns } from './turns';

export function readAuphonic(source: string): TranscriptModel {
  const scan = new Scan(source);
  const { text, findings } = scan;
  const sections = readSections(scan);
  const chapters = readChapterList(scan, sections);
  const tags = readTagsAndSummaries(scan, sections);
  const { bodyLines, transcript } = readBodyLines(scan, sections);
  const body = classifyBody(scan, bodyLines, chapters);
  const { stamps, malformedStamps, headings } = body;
  const labels = confirmLabels(scan, bodyLines, body);
  const { turns, paragraphs } = buildTurns(scan, bodyLines, body, labels);
  const proseCount = scan.proseCount;
  const { proseLines, proseStarts } = scan;

  const bodySpan =
    bodyLines.length > 0
      ? {
          startLine: transcript ? transcript.headerLine : bodyLines[0],
          endLine: bodyLines[bodyLines.length - 1],
        }
      : transcript
        ? { startLine: transcript.headerLine, endLine: transcript.headerLine }
        : undefined;

  const looksLikeTranscript = sections.length > 0 || labels.length > 0 || stamps.length > 0;
  if (!looksLikeTranscript && source.trim() !== '') {
    const binary = source.includes('\0');
    findings.push(
      finding(
        'not-a-transcript',
        range(0, 0, noSplit(text.line(0), Math.min(text.lineLength(0), 200))),
        binary
          ? 'This file looks binary (it contains NUL bytes), not like a transcript'
          : 'No transcript found: no section headers, speaker labels or [m:ss] timestamps',
      ),
    );
  }

  return {
    layout: 'auphonic',
    text,
    sections,
    chapters,
    tags,
    body: bodySpan,
    labels,
    turns,
    paragraphs,
    stamps,
    malformedStamps,
    headings,
    prose: {
      length: proseCount,
      lines: proseLines.subarray(0, proseCount),
      starts: proseStarts.subarray(0, proseCount),
    },
    looksLikeTranscript,
    findings,
  };
}
