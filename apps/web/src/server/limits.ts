/**
 * Caps on what one browser, one user, one host or one agent may hold open or send. Exceeding a
 * cap is a RESOURCE_EXHAUSTED error naming the cap (agent events beyond their rate are dropped
 * and logged instead: an agent is not waiting for an answer).
 */
export const streamLimits = {
  /** Distinct stats targets (containers, hosts) one /ui socket may watch. */
  statsSubscriptionsPerSocket: 64,
  terminalsPerUser: 8,
  terminalsPerHost: 32,
  logFollowsPerUser: 16,
  logFollowsPerHost: 64,
} as const;

/** Token bucket of the container events one agent may send: a burst, then a steady rate. */
export const agentEventLimits = {
  'container.event': { perSecond: 20, burst: 200 },
  /** Steps of stack operations: a few per container; big stacks come in bursts. */
  'stack.progress': { perSecond: 50, burst: 500 },
} as const;
