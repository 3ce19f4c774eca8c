import type { AlertKind, AlertScope, ChannelType, SilenceMatchers } from '../alert-api-schemas.js';

export interface AlertRuleDto {
  id: string;
  name: string;
  kind: AlertKind;
  params: Record<string, unknown>;
  scope: AlertScope;
  channelIds: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface AlertChannelDto {
  id: string;
  name: string;
  type: ChannelType;
  /** A webhook's signing secret is shown as `***`. */
  config: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
}

export interface SilenceDto {
  id: string;
  matchers: SilenceMatchers;
  comment: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  createdBy: string;
  active: boolean;
}

export interface AlertNotificationDto {
  channelId: string;
  channelName: string;
  event: 'firing' | 'resolved';
  outcome: 'sent' | 'failed' | 'silenced';
  error: string | null;
  at: string;
}

export interface AlertDto {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertKind;
  hostId: string;
  hostName: string;
  containerId: string | null;
  containerName: string | null;
  stack: string | null;
  state: 'firing' | 'resolved';
  summary: string;
  value: number | null;
  startedAt: string;
  resolvedAt: string | null;
  silenced: boolean;
  notifications: AlertNotificationDto[];
}

export interface AlertPageDto {
  alerts: AlertDto[];
  total: number;
  page: number;
  pageSize: number;
}
