import { createServer } from 'node:net';
import type * as Dgram from 'node:dgram';
import { lazyModule } from '../lazy-module.js';
import type { PortMapping } from './ports.js';

/** node:dgram: only a published UDP port needs it. */
const dgram = lazyModule<typeof Dgram>('node:dgram');

/** I/O: true when nothing on the host holds the port (binds briefly, then releases). */
export function isHostPortFree(p: PortMapping): Promise<boolean> {
  return new Promise((resolve) => {
    if (p.protocol === 'udp') {
      const s = dgram().createSocket(p.hostIp.includes(':') ? 'udp6' : 'udp4');
      s.once('error', () => resolve(false));
      s.bind(p.hostPort, p.hostIp, () => s.close(() => resolve(true)));
      return;
    }
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: p.hostIp, port: p.hostPort, exclusive: true }, () =>
      srv.close(() => resolve(true)),
    );
  });
}
