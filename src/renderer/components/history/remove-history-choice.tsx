import { useEffect, useState } from 'react';
import type { AccountView } from '../../../shared/models';
import { useApp } from '../../hooks/app-context';

/** How many attach-history sessions belong to the account (null until known). */
export function useAccountHistoryCount(account: AccountView): number | null {
  const { bridge } = useApp();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const label = `@${account.username} on ${account.host}`;
    bridge
      .request('history.list', {})
      .then((list) => {
        if (!live) return;
        setCount(
          list.records.filter(
            (r) => r.accountId === account.id || (r.accountId === null && r.account === label),
          ).length,
        );
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [account, bridge]);
  return count;
}

/** "Also remove its N sessions from the history", offered when removing an account that has some. */
export function RemoveHistoryChoice(props: {
  readonly count: number | null;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  if (props.count === null || props.count === 0) return null;
  return (
    <label className="checkbox-row">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      Also remove its {props.count} session{props.count === 1 ? '' : 's'} from the attach history
    </label>
  );
}
