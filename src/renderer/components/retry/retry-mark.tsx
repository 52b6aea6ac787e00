import './retry.css';
import { useRetries } from '../../hooks/use-retries';

/** "Retry of #5001" on the tab of a retried job, so the user knows which failure it debugs. */
export function RetryMark(props: { readonly sessionId: string }) {
  const retry = useRetries().find((r) => r.sessionId === props.sessionId);
  if (retry === undefined) return null;
  return <span className="tab-retry">Retry of #{retry.originalJobId}</span>;
}
