import '../common/common.css';
import { Fragment } from 'react';

/** A chord as key caps: <kbd>Alt</kbd>+<kbd>]</kbd>. */
export function Chord({ keys }: { readonly keys: readonly string[] }) {
  return (
    <span className="chord">
      {keys.map((key, index) => (
        <Fragment key={`${key}-${String(index)}`}>
          {index > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
