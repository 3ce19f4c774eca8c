import type { z } from 'zod';
import {
  ContainerRefSchema,
  CreateContainerRequestSchema,
  EnrollRequestSchema,
  UpdateContainerRequestSchema,
  WireErrorSchema,
} from '@berth/protocol';
import type { Action } from '../../lib/roles.js';
import {
  AuditQuery,
  ChangePasswordBody,
  CreateHostBody,
  CreateUserBody,
  GrantRegistryBody,
  LoginBody,
  PingQuery,
  RegistryQuery,
  RenameHostBody,
  ResetPasswordBody,
  StatsRangeQuery,
  UpdateUserBody,
} from '../../lib/api-schemas.js';
import {
  ContainerActionBody,
  ContainerListQuery,
  CreateQuery,
  EventsQuery,
  LogsQuery,
  RemoveQuery,
} from '../../lib/container-api-schemas.js';
import {
  PullImageBody,
  PushImageBody,
  RemoveImageBody,
  TagImageBody,
} from '../../lib/image-api-schemas.js';
import { CreateNetworkBody } from '../../lib/network-api-schemas.js';
import { CreateTokenBody, TokenListQuery } from '../../lib/token-api-schemas.js';
import { CreatedTokenSchema, TokenDtoSchema } from '../../lib/dto/token.js';
import {
  AlertListQuery,
  CreateAlertChannelBody,
  CreateAlertRuleBody,
  CreateSilenceBody,
  UpdateAlertRuleBody,
} from '../../lib/alert-api-schemas.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** One operation of the web API, as the OpenAPI document describes it. */
export interface Operation {
  method: Method;
  /** OpenAPI form: `/api/hosts/{id}` (Next's `[id]`). */
  path: string;
  tag: string;
  summary: string;
  /** Who may call it: a permission (role ∩ token scopes), a signed-in user, anyone, or agents. */
  auth: Action | 'session' | 'public' | 'agent';
  body?: z.ZodType;
  query?: z.ZodObject;
  /** The JSON answer's schema, where the API has one; other answers are described in words. */
  response?: z.ZodType;
  status?: number;
  /** Path parameters' schemas (default: a non-empty string). */
  params?: Record<string, z.ZodType>;
}

export const errorSchema = WireErrorSchema;

const op = (o: Operation) => o;

/**
 * Every route of the web API (a unit test checks this table against src/app's route files, both
 * ways). Request schemas are the very zod schemas the route handlers validate with.
 */
export const operations: Operation[] = [
  op({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'meta',
    summary: 'This document',
    auth: 'public',
  }),
  // auth
  op({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in (sets the session cookie)',
    auth: 'public',
    body: LoginBody,
  }),
  op({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Sign out (browser sessions only)',
    auth: 'session',
    status: 204,
  }),
  op({
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'The signed-in user and what they (or the token) may do',
    auth: 'session',
  }),
  op({
    method: 'post',
    path: '/api/auth/password',
    tag: 'auth',
    summary: 'Change one’s own password (browser sessions only)',
    auth: 'account.update',
    body: ChangePasswordBody,
  }),
  // tokens
  op({
    method: 'get',
    path: '/api/tokens',
    tag: 'tokens',
    summary: 'One’s API tokens (admins: `?all=true` for everyone’s)',
    auth: 'tokens.manage',
    query: TokenListQuery,
  }),
  op({
    method: 'post',
    path: '/api/tokens',
    tag: 'tokens',
    summary: 'Make an API token; the answer is the only time the token is shown',
    auth: 'tokens.manage',
    body: CreateTokenBody,
    response: CreatedTokenSchema,
    status: 201,
  }),
  op({
    method: 'delete',
    path: '/api/tokens/{id}',
    tag: 'tokens',
    summary: 'Revoke an API token at once',
    auth: 'tokens.manage',
    response: TokenDtoSchema,
  }),
  // hosts
  op({
    method: 'get',
    path: '/api/hosts',
    tag: 'hosts',
    summary: 'Every host (a host-limited token sees its own)',
    auth: 'hosts.read',
  }),
  op({
    method: 'post',
    path: '/api/hosts',
    tag: 'hosts',
    summary: 'Add a host: answers its one-time join token and install line',
    auth: 'hosts.create',
    body: CreateHostBody,
    status: 201,
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}',
    tag: 'hosts',
    summary: 'One host and its facts',
    auth: 'hosts.read',
  }),
  op({
    method: 'patch',
    path: '/api/hosts/{id}',
    tag: 'hosts',
    summary: 'Rename a host',
    auth: 'hosts.update',
    body: RenameHostBody,
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/join-token',
    tag: 'hosts',
    summary: 'A new one-time join token for a host',
    auth: 'hosts.create',
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/revoke',
    tag: 'hosts',
    summary: 'Revoke a host: its agent is cut off at once',
    auth: 'hosts.revoke',
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/upgrade',
    tag: 'hosts',
    summary:
      'Upgrade the host’s agent to the release this web serves (it verifies, swaps, restarts)',
    auth: 'hosts.upgrade',
  }),
  op({
    method: 'post',
    path: '/api/hosts/upgrade-all',
    tag: 'hosts',
    summary: 'Upgrade every enrolled host not at the served release, one after the other',
    auth: 'hosts.upgrade',
  }),
  op({
    method: 'get',
    path: '/api/agent-bundle',
    tag: 'hosts',
    summary: 'The agent release this web serves (version, architecture, sha256), or null',
    auth: 'hosts.read',
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}/ping',
    tag: 'hosts',
    summary: 'Round trip to the host’s agent',
    auth: 'hosts.read',
    query: PingQuery,
  }),
  op({
    method: 'post',
    path: '/api/agent/enroll',
    tag: 'hosts',
    summary: 'Agents: exchange a join token for a host credential',
    auth: 'agent',
    body: EnrollRequestSchema,
  }),
  // containers
  op({
    method: 'get',
    path: '/api/containers',
    tag: 'containers',
    summary: 'Containers of every host (the web’s mirror)',
    auth: 'containers.read',
    query: ContainerListQuery,
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}/containers',
    tag: 'containers',
    summary: 'Containers of one host',
    auth: 'containers.read',
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/containers',
    tag: 'containers',
    summary: 'Create (`?start=true`: and start) a container',
    auth: 'containers.operate',
    body: CreateContainerRequestSchema,
    query: CreateQuery,
    status: 201,
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}/containers/{cid}',
    tag: 'containers',
    summary: 'Inspect a container (environment values for operators and up)',
    auth: 'containers.read',
    params: { cid: ContainerRefSchema },
  }),
  op({
    method: 'patch',
    path: '/api/hosts/{id}/containers/{cid}',
    tag: 'containers',
    summary: 'Change a running container’s limits',
    auth: 'containers.operate',
    body: UpdateContainerRequestSchema,
    params: { cid: ContainerRefSchema },
  }),
  op({
    method: 'delete',
    path: '/api/hosts/{id}/containers/{cid}',
    tag: 'containers',
    summary: 'Remove a container (`?force=true` if running)',
    auth: 'containers.operate',
    query: RemoveQuery,
    params: { cid: ContainerRefSchema },
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/containers/{cid}/{action}',
    tag: 'containers',
    summary: 'start, stop, restart, pause, unpause or kill',
    auth: 'containers.operate',
    body: ContainerActionBody,
    params: { cid: ContainerRefSchema },
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}/containers/{cid}/logs',
    tag: 'containers',
    summary: 'The newest log lines (`?download=true`: a text file)',
    auth: 'containers.read',
    query: LogsQuery,
    params: { cid: ContainerRefSchema },
  }),
  op({
    method: 'get',
    path: '/api/events',
    tag: 'containers',
    summary: 'Container events (and, for admins, people’s actions)',
    auth: 'containers.read',
    query: EventsQuery,
  }),
  // images and networks
  op({
    method: 'get',
    path: '/api/hosts/{id}/images',
    tag: 'images',
    summary: 'Images of a host',
    auth: 'containers.read',
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}/images/layers',
    tag: 'images',
    summary: 'Layers and the space shared between images',
    auth: 'containers.read',
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/images/pull',
    tag: 'images',
    summary: 'Pull an image',
    auth: 'containers.operate',
    body: PullImageBody,
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/images/push',
    tag: 'images',
    summary: 'Push an image',
    auth: 'containers.operate',
    body: PushImageBody,
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/images/tag',
    tag: 'images',
    summary: 'Tag an image',
    auth: 'containers.operate',
    body: TagImageBody,
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/images/remove',
    tag: 'images',
    summary: 'Remove an image',
    auth: 'containers.operate',
    body: RemoveImageBody,
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/images/prune',
    tag: 'images',
    summary: 'Remove dangling images and unreferenced layers',
    auth: 'containers.operate',
  }),
  op({
    method: 'get',
    path: '/api/hosts/{id}/networks',
    tag: 'networks',
    summary: 'Networks of a host',
    auth: 'containers.read',
  }),
  op({
    method: 'post',
    path: '/api/hosts/{id}/networks',
    tag: 'networks',
    summary: 'Create a network',
    auth: 'containers.operate',
    body: CreateNetworkBody,
  }),
  op({
    method: 'delete',
    path: '/api/hosts/{id}/networks/{nid}',
    tag: 'networks',
    summary: 'Remove a network',
    auth: 'containers.operate',
  }),
  op({
    method: 'get',
    path: '/api/registry-grants',
    tag: 'images',
    summary: 'Registries whose stored credentials operators may use',
    auth: 'registries.grant',
  }),
  op({
    method: 'post',
    path: '/api/registry-grants',
    tag: 'images',
    summary: 'Grant a registry’s stored credentials',
    auth: 'registries.grant',
    body: GrantRegistryBody,
    status: 201,
  }),
  op({
    method: 'delete',
    path: '/api/registry-grants',
    tag: 'images',
    summary: 'Withdraw a grant',
    auth: 'registries.grant',
    query: RegistryQuery,
  }),
  // stats and metrics
  op({
    method: 'get',
    path: '/api/stats/hosts/{hostId}',
    tag: 'stats',
    summary: 'A host’s last 15 minutes',
    auth: 'hosts.read',
  }),
  op({
    method: 'get',
    path: '/api/stats/containers/{hostId}/{containerId}',
    tag: 'stats',
    summary: 'A container’s stats history',
    auth: 'containers.read',
    query: StatsRangeQuery,
  }),
  op({
    method: 'get',
    path: '/metrics',
    tag: 'stats',
    summary: 'Prometheus text exposition of the whole fleet (token with the metrics scope)',
    auth: 'metrics.read',
  }),
  // alerts
  op({
    method: 'get',
    path: '/api/alerts',
    tag: 'alerts',
    summary: 'Alert history, newest first (`?state=firing`)',
    auth: 'alerts.read',
    query: AlertListQuery,
  }),
  op({
    method: 'get',
    path: '/api/alerts/rules',
    tag: 'alerts',
    summary: 'Alert rules',
    auth: 'alerts.manage',
  }),
  op({
    method: 'post',
    path: '/api/alerts/rules',
    tag: 'alerts',
    summary: 'Add an alert rule',
    auth: 'alerts.manage',
    body: CreateAlertRuleBody,
    status: 201,
  }),
  op({
    method: 'patch',
    path: '/api/alerts/rules/{id}',
    tag: 'alerts',
    summary: 'Change an alert rule',
    auth: 'alerts.manage',
    body: UpdateAlertRuleBody,
  }),
  op({
    method: 'delete',
    path: '/api/alerts/rules/{id}',
    tag: 'alerts',
    summary: 'Remove an alert rule (its alerts resolve)',
    auth: 'alerts.manage',
    status: 204,
  }),
  op({
    method: 'get',
    path: '/api/alerts/channels',
    tag: 'alerts',
    summary: 'Notification channels',
    auth: 'alerts.manage',
  }),
  op({
    method: 'post',
    path: '/api/alerts/channels',
    tag: 'alerts',
    summary: 'Add a webhook, Slack or e-mail channel',
    auth: 'alerts.manage',
    body: CreateAlertChannelBody,
    status: 201,
  }),
  op({
    method: 'delete',
    path: '/api/alerts/channels/{id}',
    tag: 'alerts',
    summary: 'Remove a channel',
    auth: 'alerts.manage',
    status: 204,
  }),
  op({
    method: 'post',
    path: '/api/alerts/channels/{id}/test',
    tag: 'alerts',
    summary: 'Send a test notification',
    auth: 'alerts.manage',
  }),
  op({
    method: 'get',
    path: '/api/alerts/silences',
    tag: 'alerts',
    summary: 'Silences',
    auth: 'alerts.manage',
  }),
  op({
    method: 'post',
    path: '/api/alerts/silences',
    tag: 'alerts',
    summary: 'Silence matching notifications for a while',
    auth: 'alerts.manage',
    body: CreateSilenceBody,
    status: 201,
  }),
  op({
    method: 'delete',
    path: '/api/alerts/silences/{id}',
    tag: 'alerts',
    summary: 'End a silence now',
    auth: 'alerts.manage',
  }),
  // users and audit
  op({ method: 'get', path: '/api/users', tag: 'users', summary: 'Users', auth: 'users.read' }),
  op({
    method: 'post',
    path: '/api/users',
    tag: 'users',
    summary: 'Add a user (they change the password at first sign-in)',
    auth: 'users.manage',
    body: CreateUserBody,
    status: 201,
  }),
  op({
    method: 'patch',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'Change a user’s role or disable them',
    auth: 'users.manage',
    body: UpdateUserBody,
  }),
  op({
    method: 'delete',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'Remove a user',
    auth: 'users.manage',
    status: 204,
  }),
  op({
    method: 'post',
    path: '/api/users/{id}/password',
    tag: 'users',
    summary: 'Reset a user’s password',
    auth: 'users.manage',
    body: ResetPasswordBody,
  }),
  op({
    method: 'get',
    path: '/api/audit',
    tag: 'users',
    summary: 'The audit log',
    auth: 'audit.read',
    query: AuditQuery,
  }),
];
