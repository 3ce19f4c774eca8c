import { Card, PageHeader } from '../../../components/ui/ui.js';
import type { ApiGroupView } from '../api-view-model.js';

const methodTone: Record<string, string> = {
  GET: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100',
  POST: 'bg-green-100 text-green-900 dark:bg-green-900/40 dark:text-green-100',
  PATCH: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100',
  DELETE: 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-100',
};

/** The API page: every operation by area, who may call it, its body schema and a curl line. */
export function ApiDocsView({ groups }: { groups: ApiGroupView[] }) {
  return (
    <>
      <PageHeader title="API" />
      <Card className="mb-6 max-w-3xl text-sm">
        <p>
          Every <code>/api</code> route answers to an API token:{' '}
          <code>Authorization: Bearer berth_…</code> (make one under{' '}
          <a className="underline" href="/account/tokens">
            Account → API tokens
          </a>
          ). The machine-readable description is{' '}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>{' '}
          (OpenAPI 3.1): load it into any OpenAPI tool to generate a client.
        </p>
      </Card>
      {groups.map((g) => (
        <section key={g.tag} className="mb-8" aria-labelledby={`api-${g.tag}`}>
          <h2 id={`api-${g.tag}`} className="mb-3 text-lg font-semibold capitalize">
            {g.tag}
          </h2>
          <div className="space-y-2">
            {g.operations.map((o) => (
              <details
                key={`${o.method} ${o.path}`}
                className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
              >
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-3 py-2 text-sm">
                  <span
                    className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs ${methodTone[o.method] ?? ''}`}
                  >
                    {o.method}
                  </span>
                  <code className="font-mono">{o.path}</code>
                  <span className="text-slate-500 dark:text-slate-400">{o.summary}</span>
                </summary>
                <div className="space-y-2 border-t border-slate-100 px-3 py-2 text-sm dark:border-slate-800">
                  <p>{o.who}</p>
                  {o.query.length ? (
                    <p>
                      Query: <code>{o.query.join(', ')}</code>
                    </p>
                  ) : null}
                  <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                    {o.curl}
                  </pre>
                  {o.body ? (
                    <details>
                      <summary className="cursor-pointer">Request body (JSON Schema)</summary>
                      <pre className="max-h-96 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                        {o.body}
                      </pre>
                    </details>
                  ) : null}
                </div>
              </details>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
