/**
 * The workspace index: what the server keeps of every transcript in the
 * workspace folders. It keeps names, titles and places, never the text, so
 * hundreds of episodes stay small.
 */
import type { TranscriptModel } from './model';
import { parse } from './parser';
import { detach } from './scan';
import type { Range } from './text';

export interface EpisodeSpeaker {
  readonly name: string;
  readonly labels: number;
  /** The speaker's first label. */
  readonly range: Range;
}

export interface EpisodeChapter {
  readonly title: string;
  readonly seconds: number;
  readonly timeText: string;
  /** The heading in the body, else the entry in the list. */
  readonly range: Range;
}

export interface EpisodeSummary {
  readonly uri: string;
  readonly speakers: readonly EpisodeSpeaker[];
  readonly chapters: readonly EpisodeChapter[];
}

export function summarize(uri: string, text: string): EpisodeSummary {
  return summarizeModel(uri, parse(text, { fileName: uri }));
}

export function summarizeModel(uri: string, model: TranscriptModel): EpisodeSummary {
  const speakers = new Map<string, { labels: number; range: Range }>();
  for (const l of model.labels) {
    const s = speakers.get(l.name);
    if (s) s.labels++;
    else speakers.set(l.name, { labels: 1, range: l.nameRange });
  }
  const headingOf = new Map(model.headings.map((h) => [h.chapter, h.range]));
  return {
    uri,
    speakers: [...speakers].map(([name, s]) => ({ name: detach(name), ...s })),
    chapters: model.chapters.map((c) => ({
      title: detach(c.title),
      seconds: c.seconds,
      timeText: detach(c.timeText),
      range: headingOf.get(c.index) ?? c.titleRange,
    })),
  };
}

export interface WorkspaceSymbol {
  readonly name: string;
  readonly kind: 'chapter' | 'speaker';
  readonly uri: string;
  readonly range: Range;
  readonly detail: string;
}

/** Subsequence match, ignoring case: 'osds' finds 'Open Source / Digitale Souveränität'. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return true;
  const n = name.toLowerCase();
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
  return i === q.length;
}

export class WorkspaceIndex {
  private readonly episodes = new Map<string, EpisodeSummary>();
  private cache: { generation: number; episodes: Map<string, Map<string, number>> } | undefined;
  /** Grows with every change, so that derived data can tell it is stale. */
  generation = 0;

  set(summary: EpisodeSummary): void {
    this.episodes.set(summary.uri, summary);
    this.generation++;
  }

  delete(uri: string): void {
    if (this.episodes.delete(uri)) this.generation++;
  }

  has(uri: string): boolean {
    return this.episodes.has(uri);
  }

  get size(): number {
    return this.episodes.size;
  }

  uris(): string[] {
    return [...this.episodes.keys()];
  }

  /** In how many episodes each speaker name has a label, leaving one episode out. */
  speakerEpisodes(exclude?: string): Map<string, number> {
    if (!this.cache || this.cache.generation !== this.generation)
      this.cache = { generation: this.generation, episodes: new Map() };
    const key = exclude ?? '';
    let counts = this.cache.episodes.get(key);
    if (!counts) {
      counts = new Map();
      for (const e of this.episodes.values()) {
        if (e.uri === exclude) continue;
        for (const s of e.speakers) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
      }
      if (this.cache.episodes.size > 16) this.cache.episodes.clear();
      this.cache.episodes.set(key, counts);
    }
    return counts;
  }

  symbols(query: string, limit = 1000): WorkspaceSymbol[] {
    const out: WorkspaceSymbol[] = [];
    for (const e of this.episodes.values()) {
      const file = decodeURIComponent(e.uri.slice(e.uri.lastIndexOf('/') + 1));
      for (const c of e.chapters) {
        if (fuzzyMatch(query, c.title))
          out.push({
            name: c.title,
            kind: 'chapter',
            uri: e.uri,
            range: c.range,
            detail: `${file} ${c.timeText}`,
          });
      }
      for (const s of e.speakers) {
        if (fuzzyMatch(query, s.name))
          out.push({
            name: s.name,
            kind: 'speaker',
            uri: e.uri,
            range: s.range,
            detail: `${file}, ${s.labels} ${s.labels === 1 ? 'turn' : 'turns'}`,
          });
      }
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }
}
