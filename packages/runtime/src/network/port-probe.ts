import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import type { PortMapping } from './ports.js';

/** I/O: true when nothing on the host holds the port (binds briefly, then releases). */
export function isHostPortFree(p: PortMapping): Promise<boolean> {
  return new Promise((resolve) => {
    if (p.protocol === 'udp') {
      const s = createSocket(p.hostIp.includes(':') ? 'udp6' : 'udp4');
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
