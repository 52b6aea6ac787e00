/** Broadcast input (issue 15): which terminals receive what is typed into any one of them. */

export type BroadcastTargetStatus =
  | { readonly kind: 'live' }
  /** Ended, reconnecting or not yet open: input is not sent there, and the tab says so. */
  | { readonly kind: 'skipped'; readonly reason: string };

export interface BroadcastTarget {
  readonly sessionId: string;
  readonly jobName: string;
  readonly status: BroadcastTargetStatus;
}

export interface BroadcastView {
  /** Empty: not broadcasting. In the order the user chose them. */
  readonly targets: readonly BroadcastTarget[];
}
