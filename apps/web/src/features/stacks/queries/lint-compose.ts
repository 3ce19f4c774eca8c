import type { LintDiagnostic } from '@berth/compose/lint';
import { api } from '../../../lib/api-client.js';

/** The server's full lint of a compose file (schema included) for the editor. */
export async function lintOnServer(compose: string, env: string): Promise<LintDiagnostic[]> {
  return (
    await api<{ diagnostics: LintDiagnostic[] }>('/api/stacks/lint', {
      method: 'POST',
      body: { compose, env },
    })
  ).diagnostics;
}
