import { bootStack, stopStack } from './stack.js';

/** Boots web + registry once; the returned function is Playwright's global teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const state = await bootStack();
  process.env.BERTH_E2E_BASE_URL = state.baseURL;
  // Read by bin/chromium-netns in the workers' browsers.
  process.env.BERTH_E2E_WEB_SOCKET = state.webSocket;
  return () => stopStack(state);
}
