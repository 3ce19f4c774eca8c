import { createServer } from 'node:net';

/** A free host port on `hostIp` (`''` = all addresses), as the kernel picks one for port 0. */
export function freeHostPort(hostIp: string, protocol: 'tcp' | 'udp'): Promise<number> {
  if (protocol === 'udp') return freeUdpPort(hostIp);
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ host: hostIp || '0.0.0.0', port: 0 }, () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

async function freeUdpPort(hostIp: string): Promise<number> {
  const { createSocket } = await import('node:dgram');
  return new Promise((resolve, reject) => {
    const s = createSocket(hostIp.includes(':') ? 'udp6' : 'udp4');
    s.once('error', reject);
    s.bind({ address: hostIp || undefined, port: 0 }, () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}
