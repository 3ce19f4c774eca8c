import * as z from 'zod';
import { HostFactsSchema, SystemInfoSchema, WireErrorSchema } from './schemas.js';
import { ProtocolError } from './errors.js';
import {
  ImageInspectSchema,
  ImageListResultSchema,
  ImagePruneResultSchema,
  ImagePullRequestSchema,
  ImagePushRequestSchema,
  ImageRefSchema,
  ImageRemoveRequestSchema,
  ImageRemoveResultSchema,
  ImageSummarySchema,
  ImageTagRequestSchema,
  LayerProgressSchema,
  LayersReportSchema,
  PushResultSchema,
  RegistryAuthSchema,
} from './images.js';
import { dashboardAgentEvents, dashboardRpcMethods, dashboardServerEvents } from './dashboard.js';
import { networkAgentEvents, networkRpcMethods } from './networks.js';
import { stackAgentEvents, stackRpcMethods } from './stacks.js';
import { volumeRpcMethods } from './volumes.js';
import {
  AgentUpgradeAcceptedSchema,
  AgentUpgradeOutcomeSchema,
  AgentUpgradeRequestSchema,
} from './upgrade.js';

/** Correlates an `image.pull` / `image.push` RPC with its progress events (chosen by the web). */
const TransferIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 [A-Za-z0-9_-]');

/**
 * Whether the agent may use the registry credentials stored on its host (`berth login`) for a
 * pull or push the web asks for. The web says true only for admins or registries an admin
 * granted; absent means false. The local CLI is not limited.
 */
const StoredCredentialsSchema = z.boolean().optional();

/**
 * Every message between agent and web, defined once.
 *
 * - `agentEvents`: fire-and-forget events the agent emits on the /agent namespace.
 * - `serverEvents`: events the web emits to an agent.
 * - `rpcMethods`: calls the web makes to an agent (socket.io `emitWithAck('rpc', …)`), each with
 *   params and result schemas. The engine adds its methods here.
 */
export const agentEvents = {
  'agent.hello': z.object({ facts: HostFactsSchema }),
  'agent.heartbeat': z.object({ ts: z.number().int(), uptimeSec: z.number().nonnegative() }),
  /** Per-layer progress of an `image.pull` RPC (throttled per layer; status changes always sent). */
  'image.pull.progress': LayerProgressSchema.extend({ pullId: TransferIdSchema, ref: z.string() }),
  /** The host's full image list: on connect and after every image change. */
  'inventory.images': ImageListResultSchema,
  /** How an upgrade the web asked for ended (upgrade.ts). */
  'agent.upgrade.result': AgentUpgradeOutcomeSchema,
  ...dashboardAgentEvents,
  ...networkAgentEvents,
  ...stackAgentEvents,
} as const;

export const serverEvents = {
  /** The host was revoked; the agent must stop reconnecting with its credential. */
  'server.revoked': z.object({ reason: z.string() }),
  'server.welcome': z.object({
    hostId: z.string(),
    hostName: z.string(),
    heartbeatSec: z.number(),
    /** The web's side of the version exchange (absent from webs that predate it). */
    webVersion: z.string().max(64).optional(),
    protocolVersion: z.number().int().nonnegative().optional(),
    /** False: the web drives nothing on this agent but an upgrade; `reason` says why. */
    compatible: z.boolean().optional(),
    reason: z.string().max(1024).nullable().optional(),
  }),
  ...dashboardServerEvents,
} as const;

export const rpcMethods = {
  'system.ping': { params: z.object({}).strict(), result: z.object({ ts: z.number() }) },
  'system.info': { params: z.object({}).strict(), result: SystemInfoSchema },
  /** Download, verify, swap in and restart into another agent version (frozen: upgrade.ts). */
  'agent.upgrade': { params: AgentUpgradeRequestSchema, result: AgentUpgradeAcceptedSchema },
  'image.list': {
    params: z.object({ dangling: z.boolean().optional() }).strict(),
    result: ImageListResultSchema,
  },
  'image.inspect': {
    params: z.object({ ref: ImageRefSchema }).strict(),
    result: ImageInspectSchema,
  },
  /** Resolves when the pull is done; progress arrives as `image.pull.progress` events. */
  'image.pull': {
    params: ImagePullRequestSchema.extend({
      pullId: TransferIdSchema.optional(),
      storedCredentials: StoredCredentialsSchema,
      auth: RegistryAuthSchema.optional(),
    }),
    result: z.object({ pullId: TransferIdSchema, image: ImageSummarySchema }),
  },
  'image.remove': { params: ImageRemoveRequestSchema, result: ImageRemoveResultSchema },
  'image.tag': { params: ImageTagRequestSchema, result: ImageSummarySchema },
  'image.push': {
    params: ImagePushRequestSchema.extend({
      storedCredentials: StoredCredentialsSchema,
      auth: RegistryAuthSchema.optional(),
    }),
    result: PushResultSchema,
  },
  'image.prune': { params: z.object({}).strict(), result: ImagePruneResultSchema },
  'image.layers': { params: z.object({}).strict(), result: LayersReportSchema },
  ...dashboardRpcMethods,
  ...networkRpcMethods,
  ...stackRpcMethods,
  ...volumeRpcMethods,
} as const;

export type AgentEventName = keyof typeof agentEvents;
export type AgentEventPayload<E extends AgentEventName> = z.infer<(typeof agentEvents)[E]>;
export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;
/** A validated agent event, discriminated by name. */
export type AgentEvent = {
  [E in AgentEventName]: { name: E; payload: AgentEventPayload<E> };
}[AgentEventName];
export type ServerEvent = {
  [E in ServerEventName]: { name: E; payload: ServerEventPayload<E> };
}[ServerEventName];
export type RpcMethod = keyof typeof rpcMethods;
export type RpcParams<M extends RpcMethod> = z.infer<(typeof rpcMethods)[M]['params']>;
export type RpcResult<M extends RpcMethod> = z.infer<(typeof rpcMethods)[M]['result']>;

/** The socket.io event name that carries RPC requests (web → agent, with ack). */
export const RPC_EVENT = 'rpc';

export const RpcRequestSchema = z.object({
  method: z.string().max(128),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof RpcRequestSchema>;

export const RpcResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
export type RpcResponse = z.infer<typeof RpcResponseSchema>;

function describe(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** Validate an agent event by name; unknown names and bad payloads become INVALID_ARGUMENT. */
export function parseAgentEvent(name: string, payload: unknown): AgentEvent {
  if (!isKey(agentEvents, name)) {
    throw new ProtocolError('INVALID_ARGUMENT', `unknown agent event "${name.slice(0, 64)}"`);
  }
  const parsed = agentEvents[name].safeParse(payload);
  if (!parsed.success) {
    throw new ProtocolError(
      'INVALID_ARGUMENT',
      `malformed ${name}: ${describe(parsed.error.issues)}`,
    );
  }
  return { name, payload: parsed.data } as AgentEvent;
}

export function parseServerEvent(name: string, payload: unknown): ServerEvent {
  if (!isKey(serverEvents, name)) {
    throw new ProtocolError('INVALID_ARGUMENT', `unknown server event "${name.slice(0, 64)}"`);
  }
  const parsed = serverEvents[name].safeParse(payload);
  if (!parsed.success) {
    throw new ProtocolError(
      'INVALID_ARGUMENT',
      `malformed ${name}: ${describe(parsed.error.issues)}`,
    );
  }
  return { name, payload: parsed.data } as ServerEvent;
}

/** Validate an incoming RPC request (agent side). */
export function parseRpcRequest(raw: unknown): { method: RpcMethod; params: unknown } {
  const req = RpcRequestSchema.safeParse(raw);
  if (!req.success) throw new ProtocolError('INVALID_ARGUMENT', 'malformed rpc request');
  const { method } = req.data;
  if (!isKey(rpcMethods, method)) {
    throw new ProtocolError('UNIMPLEMENTED', `unknown rpc method "${method.slice(0, 64)}"`);
  }
  const params = rpcMethods[method].params.safeParse(req.data.params ?? {});
  if (!params.success) {
    throw new ProtocolError(
      'INVALID_ARGUMENT',
      `bad params for ${method}: ${describe(params.error.issues)}`,
    );
  }
  return { method, params: params.data };
}

/** Validate an RPC result (web side) for a known method. */
export function parseRpcResponse<M extends RpcMethod>(method: M, raw: unknown): RpcResult<M> {
  const res = RpcResponseSchema.safeParse(raw);
  if (!res.success) throw new ProtocolError('INTERNAL', `malformed rpc response for ${method}`);
  if (!res.data.ok) throw ProtocolError.fromWire(res.data.error);
  const result = rpcMethods[method].result.safeParse(res.data.result);
  if (!result.success) {
    throw new ProtocolError(
      'INTERNAL',
      `bad result for ${method}: ${describe(result.error.issues)}`,
    );
  }
  return result.data as RpcResult<M>;
}
