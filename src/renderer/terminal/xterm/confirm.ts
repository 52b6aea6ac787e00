/** Questions the terminal machinery asks the user before doing something consequential. */
import type { PasteSummary } from './paste-policy';

export type ConfirmRequest =
  | { readonly kind: 'link'; readonly url: string }
  | { readonly kind: 'paste'; readonly summary: PasteSummary; readonly jobName: string }
  | { readonly kind: 'close-held'; readonly jobName: string }
  /** Closing a tab whose shell is live: its state is lost for good (issue 12). */
  | { readonly kind: 'close-live'; readonly jobName: string }

  /** A paste into a broadcast: every live target gets it; the skipped ones are named too. */
  | {
      readonly kind: 'broadcast-paste';
      readonly summary: PasteSummary;
      readonly targets: readonly string[];
      readonly skipped: readonly string[];
    };

/** Shows the question; resolves true when the user agreed. */
export type Confirmer = (request: ConfirmRequest) => Promise<boolean>;
