/**
 * A session's output side: socket bytes and the core's own markers go through flow control into
 * the transcript and the batcher, in one order, whichever socket they came from.
 */
import type { Transcript } from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';
import type { Clock } from '../ports';
import { FlowControl, type FlowLimits, type FlowSink } from './flow-control';
import { droppedMarker } from './markers';
import {
  asciicastTranscript,
  textTranscript,
  TranscriptRecorder,
  type TranscriptMeta,
} from './transcript';

const encoder = new TextEncoder();

export class SessionOutput {
  readonly #flow: FlowControl;
  readonly #transcript: TranscriptRecorder;
  #lastOutputAt: number | null = null;

  constructor(
    private readonly clock: Clock,
    sink: FlowSink,
    private readonly forward: (bytes: Uint8Array) => void,
    limits?: FlowLimits,
    /** Write the drop notice into the stream; without, `droppedBytes` in the view is the report. */
    private readonly dropNotices = true,
  ) {
    this.#flow = new FlowControl(sink, limits);
    this.#transcript = new TranscriptRecorder(clock.now());
  }

  get unacked(): number {
    return this.#flow.unacked;
  }

  get paused(): boolean {
    return this.#flow.paused;
  }

  get droppedBytes(): number {
    return this.#flow.droppedBytes;
  }

  get lastOutputAt(): number | null {
    return this.#lastOutputAt;
  }

  /** Socket output. Returns true when this is the first drop (the view's droppedBytes changed). */
  data(data: Uint8Array): boolean {
    this.#lastOutputAt = this.clock.now();
    if (!this.#flow.admit(data.length)) return this.#flow.droppedBytes === data.length;
    // One exact copy: ws hands out views into larger read buffers, which must not be kept alive
    // by the transcript or cross the bridge whole.
    this.#emit(new Uint8Array(data));
    return false;
  }

  /** A line of the core's own (never dropped). */
  marker(text: string): void {
    const bytes = encoder.encode(text);
    this.#flow.admitMarker(bytes.length);
    this.#emit(bytes);
  }

  /**
   * The renderer wrote `bytes`. Returns true when dropped output is due to be reported now that it
   * caught up (a notice was added to the stream, when notices are on): the view should be re-sent.
   */
  ack(bytes: number): boolean {
    this.#flow.ack(bytes);
    const dropped = this.#flow.takeDropNotice();
    if (dropped === null) return false;
    if (this.dropNotices) this.marker(droppedMarker(dropped));
    return true;
  }

  /** A new socket: it starts paused if the renderer is still behind. */
  reapplyPause(): void {
    this.#flow.reapply();
  }

  transcript(
    format: 'text' | 'asciicast',
    meta: TranscriptMeta,
    size: { readonly cols: number; readonly rows: number } | null,
  ): Transcript {
    const now = this.clock.now();
    switch (format) {
      case 'text':
        return textTranscript(this.#transcript, meta, now);
      case 'asciicast':
        return asciicastTranscript(this.#transcript, meta, size, now);
      default:
        return assertNever(format, 'transcript format');
    }
  }

  #emit(bytes: Uint8Array): void {
    this.#transcript.record(bytes, this.clock.now());
    this.forward(bytes);
  }
}
