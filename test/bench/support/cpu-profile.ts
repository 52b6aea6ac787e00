/**
 * Reads V8 CPU profiles (the `.cpuprofile` format of DevTools, Node's --cpu-prof and CDP's
 * Profiler domain) into self time per category, so the profile of each hop of the output path
 * becomes a few lines of docs/performance.md. Positions in a minified bundle are mapped back to
 * their source files through the bundle's source map (and xterm's own map behind it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Names the category of a frame (already mapped to its source file when a map exists). */
export type Categorize = (frame: CallFrame, source: string | null) => string;

export interface CategoryTime {
  readonly category: string;
  readonly ms: number;
  readonly share: number;
}

/** Source maps by bundle URL, loaded once; null when a bundle has none. */
export class SourceMaps {
  readonly #byUrl = new Map<string, SourceMapConsumer | null>();

  /** `mapFile(url)` names the .map file of a script URL (null: not ours to map). */
  constructor(private readonly mapFile: (url: string) => string | null) {}

  /** The original source file of a frame, following a second map for a pre-built dependency. */
  source(frame: CallFrame): string | null {
    const first = this.#lookup(frame.url, frame.lineNumber + 1, frame.columnNumber);
    if (first === null) return null;
    // xterm ships minified with its own map: follow it to xterm's own source files.
    if (first.source.endsWith('@xterm/xterm/lib/xterm.mjs')) {
      const second = this.#lookupFile(XTERM_MAP, first.line, first.column);
      if (second !== null) return `@xterm/xterm/${second.source}`;
    }
    return first.source;
  }

  #lookup(url: string, line: number, column: number) {
    const file = this.mapFile(url);
    return file === null ? null : this.#lookupFile(file, line, column);
  }

  #lookupFile(file: string, line: number, column: number) {
    let consumer = this.#byUrl.get(file);
    if (consumer === undefined) {
      consumer = existsSync(file)
        ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap)
        : null;
      this.#byUrl.set(file, consumer);
    }
    if (consumer === null) return null;
    const position = consumer.originalPositionFor({ line, column });
    // The typings say string, but an unmapped position has a null source.
    if ((position.source as string | null) === null) return null;
    return { source: position.source, line: position.line, column: position.column };
  }
}

const XTERM_MAP = 'node_modules/@xterm/xterm/lib/xterm.mjs.map';

/** Self time per category, largest first, over the whole profile. */
export function selfTimeByCategory(
  profile: CpuProfile,
  categorize: Categorize,
  maps: SourceMaps | null,
): CategoryTime[] {
  const categoryOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const source = maps === null || node.callFrame.url === '' ? null : maps.source(node.callFrame);
    categoryOf.set(node.id, categorize(node.callFrame, source));
  }
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i + 1] is how long sample i lasted (the delta before the next sample).
  samples.forEach((nodeId, index) => {
    const micros = deltas[index + 1] ?? 0;
    const category = categoryOf.get(nodeId) ?? 'other';
    totals.set(category, (totals.get(category) ?? 0) + micros);
  });
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .map(([category, micros]) => ({ category, ms: micros / 1000, share: micros / all }))
    .sort((a, b) => b.ms - a.ms);
}

/** The core process (Node): where its time goes, by the file a function lives in. */
export const categorizeCore: Categorize = (frame) => {
  const { url, functionName } = frame;
  if (url === '') return `(${functionName.replace(/[()]/g, '')})`;
  if (url.includes('/src/main/core/terminal/'))
    return 'core: terminal session, flow control, batcher';
  if (url.includes('/src/main/web/') || url.includes('/src/shared/wire-codec'))
    return 'bridge server (browser mode)';
  if (url.includes('/src/shared/') || url.includes('/src/main/core/'))
    return 'core: contract, other';
  if (url.includes('/node_modules/ws/')) return 'ws (terminal + bridge sockets)';
  if (url.includes('playwright') || url.includes('/test/bench/'))
    return 'bench harness (Playwright, meters)';
  if (url.startsWith('node:')) return 'Node internals (net, streams, timers)';
  return 'other';
};

/** The renderer (Chromium): xterm's parser vs its renderer vs our path, by source file. */
export const categorizeRenderer: Categorize = (frame, source) => {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(program)') return '(program: style, layout, paint, IPC)';
    return `(${functionName.replace(/[()]/g, '')})`;
  }
  if (url.includes('jobshell-probe') || url.includes('__puppeteer') || url.includes('bench'))
    return 'bench probe';
  const file = source ?? url;
  if (file.includes('@xterm/xterm')) {
    if (/common\/(input|parser)\//.test(file)) return 'xterm: parse (InputHandler, parser)';
    if (/common\/buffer\//.test(file)) return 'xterm: buffer';
    if (/browser\/renderer\//.test(file)) return 'xterm: DOM renderer';
    if (/common\/.*WriteBuffer|common\/input\/WriteBuffer/.test(file)) return 'xterm: write buffer';
    return 'xterm: other';
  }
  if (file.includes('@xterm/')) return 'xterm addons';
  if (/src\/renderer\/(bridge|terminal)\/|src\/shared\//.test(file))
    return 'Jobshell output path (bridge, router)';
  if (/react|scheduler|src\/renderer\//.test(file)) return 'React and the app UI';
  return 'other';
};

/** A markdown table of a profile's categories. */
export function categoryTable(title: string, rows: readonly CategoryTime[]): string {
  const lines = [`| ${title} | ms | share |`, '|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${row.category} | ${row.ms.toFixed(0)} | ${(row.share * 100).toFixed(1)} % |`);
  }
  return lines.join('\n');
}
