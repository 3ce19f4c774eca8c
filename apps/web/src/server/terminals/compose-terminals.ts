import type { AuditRepo } from '../audit/audit-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { registerTerminalRelay } from './terminal-relay.js';

/** The terminals feature's part of the composition root. */
export function composeTerminals(deps: {
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
}) {
  return { terminals: registerTerminalRelay(deps) };
}
