/** Docker Engine API v1.41 `GET /events` message. */
export interface DockerEvent {
  /** Deprecated fields Docker still sends for containers and images. */
  status?: string;
  id?: string;
  from?: string;
  Type: 'container' | 'image' | 'volume' | 'network' | 'daemon';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  timeNano: number;
}
