import { AsyncLocalStorage } from 'node:async_hooks';

/** What the audit log adds to every entry recorded while a bearer request is handled. */
export interface RequestScope {
  token: { id: string; name: string };
}

/**
 * Carries "this request came with API token X" from the route wrapper to the audit repository
 * without threading it through every service. Built once by the composition root and shared
 * through the server context (Next bundles get no module singletons of their own).
 */
export function createRequestScopes() {
  const storage = new AsyncLocalStorage<RequestScope>();
  return {
    run: <T>(scope: RequestScope | null, work: () => Promise<T>): Promise<T> =>
      scope ? storage.run(scope, work) : work(),
    current: (): RequestScope | undefined => storage.getStore(),
  };
}
export type RequestScopes = ReturnType<typeof createRequestScopes>;
