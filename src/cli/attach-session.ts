/**
 * One `jobshell attach` run once the account is known: the core's terminal service opens the
 * job's terminal, and this wires it to the process: keystrokes (or piped input) in, bytes out with
 * flow control, progress and the hold notice on stderr, one exit code at the end. The TTY mode is
 * restored on every way out.
 */
import type { SessionView, Settings } from '../shared/models';
import {
  composeTerminals,
  DEFAULT_SETTINGS,
  type AccountConnection,
  type Clock,
  type HoldFeature,
  type HistoryFileAt,
  type HistoryRecorder,
  type HoldTracker,
  type Logger,
  type NetworkAdapters,
  type TerminalServiceWithStats,
} from '../main/core';
import { StdinForwarder } from './stdin-forwarder';
import {
  connectingLine,
  endingFor,
  INITIAL_STATUS,
  statusUpdate,
  type Ending,
  type StatusMemory,
} from './attach-status';
import { createAttachHistory } from './attach-history';
import { singleAccountAccess } from './cli-account';
import { EXIT, SIGNAL_EXIT } from './exit-codes';
import { HoldNotice } from './hold-notice';
import { TerminalWriter } from './terminal-writer';

/** What the session needs of the process. */
export interface AttachIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Subscribes to a signal; returns the unsubscribe. */
  onSignal(signal: NodeJS.Signals, handler: () => void): () => void;
}

export interface AttachDeps {
  readonly connection: AccountConnection;
  readonly network: Pick<NetworkAdapters, 'http' | 'createSocket'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly version: string;
  readonly io: AttachIo;
  readonly syncSize: boolean;
  /** Record the session in this attach history file (issue 15). */
  readonly historyFile?: HistoryFileAt;
}

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The CLI keeps no settings: the app's defaults (hold feature: no auto-release). */
const settings = (): Settings => DEFAULT_SETTINGS;

/** Runs the session for `jobUrl` until it ends; resolves with the exit code. */
export async function runAttachSession(jobUrl: string, deps: AttachDeps): Promise<number> {
  const run = new AttachRun(deps);
  return run.run(jobUrl);
}

class AttachRun {
  readonly #deps: AttachDeps;
  readonly #interactive: boolean;
  readonly #writer: TerminalWriter;
  readonly #hold: HoldFeature;
  readonly #terminal: TerminalServiceWithStats;
  readonly #input: StdinForwarder;
  readonly #cleanups: (() => void)[] = [];
  readonly #history: HistoryRecorder | null;
  /** The history watches until the session is closed, after the other cleanups. */
  readonly #historyWatch: (() => void)[] = [];
  #finish: (ending: Ending) => void = () => undefined;
  #over = false;
  #sessionId: string | null = null;
  #memory: StatusMemory = INITIAL_STATUS;
  #notice: HoldNotice | null = null;

  constructor(deps: AttachDeps) {
    this.#deps = deps;
    const { io, clock, logger } = deps;
    this.#interactive = io.stdin.isTTY;
    this.#writer = new TerminalWriter(io);
    this.#history =
      deps.historyFile === undefined
        ? null
        : createAttachHistory({
            file: deps.historyFile,
            connection: deps.connection,
            clock,
            logger,
          });
    const history = this.#history;
    const { terminals, hold } = composeTerminals({
      accounts: singleAccountAccess(deps.connection),
      network: deps.network,
      clock,
      logger,
      settings,
      version: deps.version,
      ...(history === null
        ? {}
        : { wrapHoldTracker: (tracker: HoldTracker) => history.wrapHoldTracker(tracker) }),
      // stdout carries the job's bytes only: how the session ended, that it reconnected and that
      // output was dropped are said on stderr (attach-status), once.
      options: { markers: false, refuseOthersJobs: false },
    });
    this.#hold = hold;
    this.#terminal = terminals;
    if (history !== null) {
      this.#historyWatch.push(
        this.#terminal.onSessions((views) => {
          history.sessions(views);
        }),
        this.#terminal.onClosing((view) => {
          history.closing(view);
        }),
      );
    }
    this.#input = new StdinForwarder(io.stdin, this.#interactive, {
      send: (data) => {
        if (this.#sessionId !== null) this.#terminal.input(this.#sessionId, data);
      },
      detach: () => {
        this.#detach();
      },
    });
  }

  async run(jobUrl: string): Promise<number> {
    const ended = new Promise<Ending>((resolve) => {
      this.#finish = resolve;
    });
    this.#watchProcess();
    // GitLab naming another address than the one given is said once, on stderr (address-notice).
    this.#cleanups.push(
      this.#terminal.onNotification((notification) => {
        if (notification.kind === 'account') this.#writer.line(notification.body);
      }),
    );
    try {
      this.#sessionId = (await this.#terminal.open({ kind: 'url', url: jobUrl })).sessionId;
    } catch (error) {
      await this.#shutDown();
      throw error;
    }
    this.#startSession(this.#sessionId);
    const ending = await ended;
    await this.#shutDown();
    if (ending.message !== null) this.#writer.line(ending.message);
    return ending.exitCode;
  }

  #end(ending: Ending): void {
    if (this.#over) return;
    this.#over = true;
    this.#finish(ending);
  }

  /** Signals, a broken stdout, and process exit (which must never leave the TTY raw). */
  #watchProcess(): void {
    const { io } = this.#deps;
    const restore = (): void => {
      this.#input.restoreTty();
    };
    process.once('exit', restore);
    this.#cleanups.push(() => process.off('exit', restore));
    for (const signal of HANDLED_SIGNALS) {
      const stop = io.onSignal(signal, () => {
        this.#end({
          exitCode: SIGNAL_EXIT[signal],
          message: `Stopped by ${signal}: the terminal was closed.`,
        });
      });
      this.#cleanups.push(stop);
    }
    // After SIGHUP the terminal is gone: failing to write the last line must not crash the exit.
    io.stderr.on('error', () => undefined);
    const onStdoutError = (error: Error): void => {
      this.#end({ exitCode: EXIT.failed, message: `Cannot write the output: ${error.message}` });
    };
    io.stdout.on('error', onStdoutError);
    this.#cleanups.push(() => io.stdout.off('error', onStdoutError));
  }

  #startSession(sessionId: string): void {
    const first = this.#view(sessionId);
    if (first !== undefined) this.#writer.line(connectingLine(first));
    this.#notice = new HoldNotice(
      this.#deps.clock,
      first?.jobId ?? 0,
      this.#interactive,
      (line) => {
        this.#writer.line(line);
      },
    );
    this.#watchSize();
    this.#cleanups.push(
      this.#terminal.onSessions((views) => {
        const current = views.find((view) => view.id === sessionId);
        if (current !== undefined) this.#onView(current);
      }),
      this.#terminal.onOutput((chunks) => {
        for (const chunk of chunks) {
          if (chunk.sessionId !== sessionId) continue;
          this.#writer.output(chunk.data, () => {
            // Acked once written: a slow terminal (or a full pipe) pauses the socket.
            this.#terminal.ack(sessionId, chunk.data.length);
          });
        }
      }),
    );
  }

  #onView(view: SessionView): void {
    const update = statusUpdate(this.#memory, view, this.#interactive);
    this.#memory = update.memory;
    // The terminal goes raw before "Connected." is printed: once the user (or a script) sees it,
    // every key goes to the shell as typed (a terminal still cooked would turn Enter's CR into LF).
    if (update.newConnection && !this.#input.started) {
      this.#input.start();
      this.#writer.setRaw(this.#interactive);
    }
    for (const line of update.lines) this.#writer.line(line);
    // Every connection is a new shell with the default size: type the stty line again.
    if (update.newConnection) this.#syncSize();
    this.#notice?.update(view.state);
    const ending = endingFor(view, {
      interactive: this.#interactive,
      inputEnded: this.#input.ended,
    });
    if (ending !== null) this.#end(ending);
  }

  #detach(): void {
    const held = this.#sessionId !== null && this.#view(this.#sessionId)?.state.kind === 'held';
    this.#end({
      exitCode: EXIT.ok,
      message: held ? 'Detached: the job can finish now.' : 'Detached.',
    });
  }

  #watchSize(): void {
    const { io } = this.#deps;
    if (!this.#deps.syncSize) return;
    if (!io.stdout.isTTY) {
      this.#writer.line('--sync-size ignored: stdout is not a terminal, so it has no size.');
      return;
    }
    const onResize = (): void => {
      this.#syncSize();
    };
    // Node emits 'resize' on stdout for SIGWINCH.
    io.stdout.on('resize', onResize);
    this.#cleanups.push(() => io.stdout.off('resize', onResize));
  }

  #syncSize(): void {
    const { io } = this.#deps;
    if (!this.#deps.syncSize || !io.stdout.isTTY || this.#sessionId === null) return;
    try {
      this.#terminal.syncSize(this.#sessionId, io.stdout.columns, io.stdout.rows);
    } catch {
      // The session is gone; its state says why.
    }
  }

  #view(sessionId: string): SessionView | undefined {
    return this.#terminal.list().find((view) => view.id === sessionId);
  }

  /** Stops input, restores the TTY, closes the terminal with 1000 and waits for the socket. */
  async #shutDown(): Promise<void> {
    this.#input.stop();
    this.#input.restoreTty();
    this.#writer.setRaw(false);
    this.#notice?.dispose();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    // Close(1000): the runner gets EOT, and a job this terminal holds finishes at once.
    if (this.#sessionId !== null) this.#terminal.close(this.#sessionId);
    await this.#terminal.dispose();
    this.#hold.dispose();
    for (const stop of this.#historyWatch.splice(0)) stop();
    await this.#history?.finish();
  }
}
