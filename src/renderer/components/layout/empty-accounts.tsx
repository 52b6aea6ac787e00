/** First-run state of the job list: nothing to show until a GitLab account exists. */
export function EmptyAccounts({ onAdd }: { readonly onAdd: () => void }) {
  return (
    <div className="empty-state">
      <h2>No GitLab account yet</h2>
      <p>
        Add your GitLab instance and sign in. Your running CI jobs appear here, ready to open a
        terminal into.
      </p>
      <button className="primary" onClick={onAdd}>
        Add account
      </button>
    </div>
  );
}
