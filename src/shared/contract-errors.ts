/**
 * How a request fails across the contract: a code and a sentence for the user. Services throw
 * ContractError; anything else becomes a generic 'internal' body so details stay in main.
 */

/** Error codes a request can fail with; each comes with a sentence for the user. */
export type ContractErrorCode =
  | 'invalid-message'
  | 'bad-input'
  | 'not-found'
  | 'auth'
  | 'network'
  | 'unavailable'
  | 'conflict'
  | 'internal';

export interface ContractErrorBody {
  readonly code: ContractErrorCode;
  readonly message: string;
}

export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ContractErrorBody };

/** Thrown by core services with a message meant for the user; transports carry it across intact. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Turns anything thrown by the core into a body safe to send: internal details stay in main. */
export function toErrorBody(error: unknown): ContractErrorBody {
  if (error instanceof ContractError) return { code: error.code, message: error.message };
  return {
    code: 'internal',
    message: 'Something went wrong inside Jobshell; see the log for details.',
  };
}
