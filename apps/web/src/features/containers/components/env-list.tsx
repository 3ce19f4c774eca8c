/** Says that environment values are hidden for this role (the names are still listed). */
export function EnvHiddenNote() {
  return (
    <p className="mb-2 text-xs text-slate-500" data-testid="env-hidden">
      Environment values are hidden for your role (viewer): only the names are shown.
    </p>
  );
}

/** A container's environment: `KEY=value`, or `KEY=••••` when the values are hidden. */
export function EnvList({ env, redacted }: { env: string[] | undefined; redacted: boolean }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium">Environment</h3>
      {redacted ? <EnvHiddenNote /> : null}
      {env === undefined ? (
        <p className="text-sm text-slate-500">…</p>
      ) : env.length === 0 ? (
        <p className="text-sm text-slate-500">No environment variables.</p>
      ) : (
        <ul className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="env-list">
          {env.map((entry, i) => (
            <li key={`${i}:${entry}`}>{entry}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
