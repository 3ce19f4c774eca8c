import { bootStack } from './stack.js';

export default async function globalSetup(): Promise<void> {
  const state = await bootStack();
  process.env.BERTH_E2E_BASE_URL = state.baseURL;
}
