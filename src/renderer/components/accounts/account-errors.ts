/**
 * Which form field an error from the core belongs to, so its sentence is shown next to what the
 * user has to change. The core's messages are shown verbatim; only their place is decided here.
 */
import { ContractError } from '../../../shared/contract';
import { invalidParam, userMessage } from '../../forms/contract-messages';

export type AccountField = 'url' | 'session' | 'token' | 'network' | 'name' | 'form';

export interface FieldError {
  readonly field: AccountField;
  readonly message: string;
  /** The core could not reach or trust the server: inspecting its certificate may help. */
  readonly network: boolean;
}

/** Places a failed request's message next to the field it is about. */
export function fieldError(error: unknown): FieldError {
  if (!(error instanceof ContractError)) {
    return {
      field: 'form',
      message: error instanceof Error ? error.message : String(error),
      network: false,
    };
  }
  const { code, message } = error;
  if (code === 'invalid-message') {
    return {
      field: paramField(invalidParam(message)),
      message: userMessage(error),
      network: false,
    };
  }
  return { field: fieldOf(code, message), message, network: code === 'network' };
}

/** The form field of a request parameter the contract refused. */
function paramField(param: string | null): AccountField {
  const head = param?.split('.')[0] ?? '';
  switch (head) {
    case 'baseUrl':
      return 'url';
    case 'session':
      return 'session';
    case 'token':
      return 'token';
    case 'caPem':
    case 'proxy':
    case 'trustFingerprint':
      return 'network';
    case 'name':
    case 'color':
      return 'name';
    default:
      return 'form';
  }
}

function fieldOf(code: ContractError['code'], message: string): AccountField {
  if (
    /^The token\b|\btoken\b.*\bscope\b|did not accept the token|personal access token/i.test(
      message,
    )
  )
    return 'token';
  // The server could not be reached or trusted: that is about the URL, unless the proxy failed.
  if (code === 'network') return /\bprox(y|ies)\b/i.test(message) ? 'network' : 'url';
  if (/certificate|fingerprint|prox(y|ies)|\bCA\b/i.test(message) && code !== 'auth')
    return 'network';
  // The URL's own messages (base-url.ts) all name the URL, its scheme, or GitLab's address.
  if (
    /\bURL\b|^Plain http:|does not look like GitLab|Enter the address|is already added/i.test(
      message,
    )
  )
    return 'url';
  if (
    /_gitlab_session|cookie|cookies\.txt|session|signed in as|Sign-in was cancelled|desktop app/i.test(
      message,
    )
  ) {
    return 'session';
  }
  if (/colour|account name/i.test(message)) return 'name';
  if (code === 'bad-input' || code === 'conflict') return 'url';
  return 'form';
}

/** Largest cookies.txt the core accepts (the contract's limit), checked before reading the file. */
export const MAX_COOKIES_TXT_BYTES = 1_048_576;
