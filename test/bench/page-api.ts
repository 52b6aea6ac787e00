/**
 * What the bench pages expose to Playwright, typed once for both sides: the pages (DOM-typed,
 * tsconfig.web.json) implement it, the benchmarks (Node-typed) call it inside page.evaluate
 * through `globalThis as unknown as BenchWindow`. No DOM or Node types here.
 */

export interface FloodResult {
  /** Bytes of the watched stream from the first one after reset/arm to the marker's chunk. */
  readonly bytes: number;
  readonly messages: number;
  /** Wall-clock ms of the first byte received after reset(). */
  readonly firstAt: number;
  /** Wall-clock ms at which xterm had processed the marker's chunk. */
  readonly endAt: number;
  /** Animation frames between firstAt and endAt. */
  readonly frames: number;
  /** Largest (received − processed) since reset(): bytes written to xterm, not yet parsed. */
  readonly maxPending: number;
  /** Wall-clock ms at which the marker's chunk arrived in the page. */
  readonly markerSeenAt: number;
}

export interface NextResult {
  /** The keydown (capture phase) after armNext(). */
  readonly keyAt: number | null;
  /** When the page sent that input on its socket. */
  readonly sentAt: number | null;
  /** The first chunk of the watched stream received after the keydown. */
  readonly recvAt: number;
  /** When xterm had processed that chunk. */
  readonly doneAt: number;
}

export interface BenchStats {
  readonly received: number;
  readonly processed: number;
  readonly maxPending: number;
  readonly errors: readonly string[];
}

export interface BenchApi {
  /** Zeroes the stream counters (received, processed, max pending) and the frame record. */
  reset(): void;
  /**
   * Watches for `marker`; markerResult() then resolves once the bytes up to (and including) the
   * chunk holding it are processed. Arm before the action, so no byte slips by.
   */
  armMarker(marker: string, timeoutMs: number): void;
  markerResult(): Promise<FloodResult>;
  /** Arms: the next keydown, send and received chunk are recorded. */
  armNext(): void;
  /** Resolves when the first chunk received after the armed keydown has been processed. */
  nextResult(timeoutMs: number): Promise<NextResult>;
  /** Animation frames between two wall-clock times. */
  frames(from: number, to: number): number;
  stats(): BenchStats;
  now(): number;
  /** The last lines of the terminal's buffer (baseline page only). */
  text?(): string;
}

/** P6 startup stamps, ms since navigation start; null until it happened. */
export interface StartupMarks {
  readonly app: number | null;
  readonly jobRow: number | null;
  readonly painted: number | null;
}

/** The globals the bench pages (and Jobshell's browser-mode test hook) put on `window`. */
export interface BenchWindow {
  __bench?: BenchApi;
  /** Jobshell probe: which session's output the meter follows. */
  __benchWatch?: (sessionId: string) => void;
  /** Baseline page, direct mode: writes the preloaded flood; resolves when xterm processed it. */
  __benchDirect?: () => Promise<void>;
  /** Baseline page: resolves once its socket is open (direct mode: once the flood is loaded). */
  __benchReady?: Promise<void>;
  /** Startup probe (P6). */
  __benchStartup?: StartupMarks;
  /** Jobshell's own browser-mode test hook (src/renderer/terminal/xterm/test-hook.ts). */
  __jobshellTest?: {
    bufferText(sessionId: string): string | null;
    sessionIds(): readonly string[];
    pendingBytes(): number;
  };
}
