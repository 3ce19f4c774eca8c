import type { AlertKind, AlertParams, AlertScope } from '../../lib/alert-api-schemas.js';

export type AnyAlertParams = { [K in AlertKind]: AlertParams<K> }[AlertKind];

/** A rule as the engine evaluates it (enabled rules only). */
export type EngineRule = {
  [K in AlertKind]: {
    id: string;
    name: string;
    kind: K;
    params: AlertParams<K>;
    scope: AlertScope;
  };
}[AlertKind];

/** What an alert is about: a host, or one container on it. */
export interface AlertTarget {
  hostId: string;
  containerId: string | null;
  containerName: string | null;
  stack: string | null;
}

export interface ActiveAlert extends AlertTarget {
  fingerprint: string;
  ruleId: string;
  kind: AlertKind;
  /** ms since the epoch. */
  startedAt: number;
  /** The number that fired it: exit code, restarts, percent…; null when none. */
  value: number | null;
}

export interface Transition {
  state: 'firing' | 'resolved';
  alert: ActiveAlert;
  /** ms since the epoch. */
  at: number;
}

/** What the engine knows of a container (from inventories and events). */
export interface ContainerInfo {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: string;
  health: string | null;
  /** False while only events (no inventory yet) described it: stack/label scopes do not match. */
  labelsKnown?: boolean;
}

export function fingerprintOf(ruleId: string, hostId: string, containerId: string | null): string {
  return `${ruleId}|${hostId}|${containerId ?? ''}`;
}
