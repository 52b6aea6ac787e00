/** Shown when the renderer cannot reach the core at all. */
export function StartupError({ message }: { readonly message: string }) {
  return (
    <div className="startup-error" role="alert">
      <h1>Jobshell could not start</h1>
      <p>{message}</p>
    </div>
  );
}
