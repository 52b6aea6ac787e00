/**
 * Which of an account's requests are failing right now, and the log of it: one error line when a
 * streak of failures starts and one info line when the last failing request works again, not one
 * line per poll (quality F8).
 */
import type { Logger } from '../ports';

/** Keys: 'list', `project:<id>`, `web:<job id>`, `facts:<project id>`. */
export class FailureStreak {
  /** Failing requests by key, with the user-facing sentence, oldest first. */
  readonly #failing = new Map<string, string>();
  #logged = false;

  constructor(
    private readonly logger: Logger,
    private readonly fields: () => Readonly<Record<string, unknown>>,
  ) {}

  /** A request failed; logs only when no streak was running. */
  failed(key: string, message: string, kind: string, error: unknown): void {
    if (!this.#logged) {
      this.#logged = true;
      this.logger.log('error', 'Job discovery is failing; the last list is kept', {
        ...this.fields(),
        kind,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    this.#failing.delete(key);
    this.#failing.set(key, message);
  }

  /** A request worked. */
  succeeded(key: string): void {
    this.#failing.delete(key);
    this.#endIfClear();
  }

  /** Forgets failures whose subject is gone (an unwatched project, a finished job). */
  forget(isGone: (kind: string, id: number) => boolean): void {
    for (const key of [...this.#failing.keys()]) {
      const [kind = '', id = ''] = key.split(':');
      if (id !== '' && isGone(kind, Number(id))) this.#failing.delete(key);
    }
    this.#endIfClear();
  }

  /**
   * The latest sentence among failures that make the list stale (the project list and job lists);
   * a failed terminal check only weakens a badge.
   */
  listFailure(): string | null {
    const list = [...this.#failing].filter(([key]) => key === 'list' || key.startsWith('project:'));
    return list.at(-1)?.[1] ?? null;
  }

  #endIfClear(): void {
    if (this.#failing.size > 0 || !this.#logged) return;
    this.#logged = false;
    this.logger.log('info', 'Job discovery recovered', this.fields());
  }
}
