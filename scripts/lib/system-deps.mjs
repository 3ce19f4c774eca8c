// Debian packages Berth needs, and an idempotent installer (plain JS: runs before `npm ci`).
import { spawnSync } from 'node:child_process';

/** What a host running Berth needs. */
export const RUNTIME_PACKAGES = [
  'runc',
  'crun',
  'conmon',
  'containernetworking-plugins',
  // named networks resolve container names: the CNI dnsname plugin runs a dnsmasq per network
  'golang-github-containernetworking-plugin-dnsname',
  'dnsmasq-base',
  'iptables',
  'iproute2',
  'catatonit',
  'tini',
  'attr',
  'openssl',
];

/** What the test suite needs on top (real registry, databases, browser, test userland). */
export const TEST_PACKAGES = [
  'busybox-static',
  'docker-registry',
  'apache2-utils',
  'chromium',
  'postgresql',
  // berth-web backup/restore of PostgreSQL: pg_dump, pg_restore, psql (postgresql pulls it in too)
  'postgresql-client',
  // the install line as "Add host" shows it (curl … | sudo … sh) and systemd-analyze for the units
  'curl',
  'sudo',
  'systemd',
  // the confinement battery compiles a static syscall probe (packages/runtime/test/confinement)
  'gcc',
  'libc6-dev',
  // Docker is the oracle: dockerd started privately by tests and benches, its client and
  // docker-compose against Berth's Docker API socket (tests call /usr/bin/docker explicitly)
  'docker.io',
  'docker-compose',
  // several web replicas behind a load balancer (apps/web/test/cluster.test.ts, bench/fleet.ts),
  // and the Redis the redis socket.io adapter is measured against
  'haproxy',
  'redis-server',
  // the differential (fidelity) suite: file capabilities set in a build step with the host's
  // setcap, and a real Debian userland made with debootstrap (apps/agent/test/fidelity-*.test.ts)
  'libcap2-bin',
  'debootstrap',
];

/** What a fresh Debian host needs to build the native npm addons. */
export const BUILD_PACKAGES = ['python3', 'make', 'g++'];

function isInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

export function missingPackages(pkgs) {
  return pkgs.filter((p) => !isInstalled(p));
}

/** Installs the missing packages with apt-get (as root). Throws with a clear message otherwise. */
export function ensurePackages(pkgs, log = console.log) {
  const missing = missingPackages(pkgs);
  if (missing.length === 0) return [];
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} — run as root or install them`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  if (update.status !== 0) throw new Error('apt-get update failed');
  const install = spawnSync(
    'apt-get',
    ['install', '-y', '-q', '--no-install-recommends', ...missing],
    {
      stdio: 'inherit',
      env,
    },
  );
  if (install.status !== 0) throw new Error(`apt-get install failed for: ${missing.join(' ')}`);
  return missing;
}
