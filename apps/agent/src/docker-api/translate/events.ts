import type { EngineEvent } from '@berth/protocol';
import type { DockerEvent } from '../types/events.js';
import type { Filters } from './filters.js';
import { labelMatches } from './filters.js';

export const EVENT_FILTERS = [
  'type',
  'container',
  'event',
  'label',
  'image',
  'volume',
  'network',
] as const;

/** What a container event needs beyond the event itself (the record may be gone by then). */
export interface ContainerFacts {
  labels: Readonly<Record<string, string>>;
}

/** Pure: time in ns from an RFC 3339 string (millisecond precision is what the bus carries). */
function nanos(at: string): number {
  return Date.parse(at) * 1e6;
}

/** Pure: a Berth engine event → Docker's event message. */
export function toDockerEvent(e: EngineEvent, facts: ContainerFacts | null): DockerEvent {
  const timeNano = nanos(e.at);
  const time = Math.floor(timeNano / 1e9);
  if (e.kind === 'network') {
    // Docker's network events: the network is the actor; connect/disconnect name the container.
    return {
      status: e.type,
      id: e.id,
      Type: 'network',
      Action: e.type,
      Actor: {
        ID: e.id,
        Attributes: {
          name: e.name,
          type: 'bridge',
          ...(e.containerId ? { container: e.containerId } : {}),
        },
      },
      scope: 'local',
      time,
      timeNano,
    };
  }
  if (e.kind === 'image') {
    const id = e.ref ?? e.id;
    return {
      status: e.type,
      id,
      Type: 'image',
      Action: e.type,
      Actor: { ID: id, Attributes: { name: id } },
      scope: 'local',
      time,
      timeNano,
    };
  }
  const attributes: Record<string, string> = {
    ...(facts?.labels ?? {}),
    image: e.image,
    name: e.name,
    ...(e.exitCode === undefined ? {} : { exitCode: String(e.exitCode) }),
    ...(e.signal === undefined ? {} : { signal: e.signal }),
  };
  // dockerd names the new status in the action: `health_status: healthy`
  const action = e.type === 'health_status' && e.health ? `health_status: ${e.health}` : e.type;
  return {
    status: action,
    id: e.id,
    from: e.image,
    Type: 'container',
    Action: action,
    Actor: { ID: e.id, Attributes: attributes },
    scope: 'local',
    time,
    timeNano,
  };
}

/** A volume event (the volume routes publish these). */
export function volumeEvent(action: 'create' | 'destroy', name: string, at: Date): DockerEvent {
  const timeNano = at.getTime() * 1e6;
  return {
    Type: 'volume',
    Action: action,
    Actor: { ID: name, Attributes: { driver: 'local' } },
    scope: 'local',
    time: Math.floor(timeNano / 1e9),
    timeNano,
  };
}

/** Pure: Docker's event filters (values of one key ORed, keys ANDed, labels ANDed). */
export function eventMatches(e: DockerEvent, f: Filters): boolean {
  const any = (key: string, pred: (v: string) => boolean) => {
    const vs = f.get(key);
    return !vs || vs.some(pred);
  };
  const attrs = e.Actor.Attributes;
  const isContainer = e.Type === 'container';
  return (
    any('type', (v) => v === e.Type) &&
    any('event', (v) => v === e.Action || e.Action.startsWith(`${v}:`)) &&
    any('container', (v) => isContainer && (e.Actor.ID.startsWith(v) || attrs.name === v)) &&
    any('image', (v) =>
      isContainer ? attrs.image === v : e.Type === 'image' && e.Actor.ID === v,
    ) &&
    any('volume', (v) => e.Type === 'volume' && e.Actor.ID === v) &&
    any('network', (v) => e.Type === 'network' && (e.Actor.ID.startsWith(v) || attrs.name === v)) &&
    (f.get('label') ?? []).every((l) => labelMatches(l, attrs))
  );
}
