// Builds the self-contained agent bundle a host installs with no Node, npm, git or compiler:
//
//   berth-agent-<version>-linux-<arch>/
//     bin/node                     this build host's Node binary (the runtime that runs the agent)
//     bin/berth-agent, bin/berth   sh wrappers that run lib/*.mjs with bin/node
//     lib/berth-agent.mjs, lib/berth.mjs (+ chunks/)   the daemon and the CLI, bundled by esbuild
//     lib/berth-upgrade-guard.mjs  the watchdog of an upgrade from this release (rolls back)
//     lib/node_modules/…           packages with native addons or run-time file lookups, prebuilt here
//     share/install.sh, share/uninstall.sh, share/systemd/berth-agent.service
//
// and packs it into dist/bundle/<name>.tar.gz with <name>.tar.gz.sha256 beside it, which the web
// serves under /downloads/. The bundle is for this host's architecture: native addons are the ones
// node-gyp built here, so a build host per architecture makes a bundle per architecture.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
const name = `berth-agent-${pkg.version}-linux-${arch}`;
const outDir = join(root, 'dist', 'bundle');
const stage = join(outDir, `.${name}.partial`);

/**
 * Kept out of the esbuild bundle and shipped as packages: native addons (their .node files are
 * found relative to their own package) and tar-stream (the runtime patches its headers module,
 * which it finds with require.resolve).
 */
// (node-pty is not among them: terminals run under conmon since 2026-12-07, nothing in the agent
// imports it; only its tests and the terminal bench drive a PTY with it.)
const EXTERNAL = [
  'fs-xattr',
  'zstd-napi',
  'node-unix-socket',
  'bufferutil',
  'utf-8-validate',
  'tar-stream',
];

/**
 * version.ts reads package.json beside dist/ at run time; in the bundle the version is the
 * release's own VERSION file (first line; `lib/<entry>.mjs` → `../VERSION`), so what a host
 * reports is what is installed, with this build's version as the fallback.
 */
const inlineVersion = {
  name: 'inline-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({
      loader: 'ts',
      contents: `import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
function releaseVersion(): string | null {
  try {
    const text = readFileSync(join(dirname(process.argv[1] ?? ''), '..', 'VERSION'), 'utf8');
    const first = text.split('\\n')[0]?.trim() ?? '';
    return /^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/.test(first) ? first : null;
  } catch {
    return null;
  }
}
export const AGENT_VERSION = releaseVersion() ?? ${JSON.stringify(pkg.version)};
export const API_VERSION = '1';
`,
    }));
  },
};

async function bundleEntries() {
  await build({
    entryPoints: {
      'berth-agent': join(root, 'src/bin/berth-agent.ts'),
      berth: join(root, 'src/bin/berth.ts'),
      // run from the previous release while an upgrade is on probation (src/upgrade/guard.ts)
      'berth-upgrade-guard': join(root, 'src/bin/berth-upgrade-guard.ts'),
    },
    outdir: join(stage, 'lib'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    banner: {
      js: "import { createRequire as __berthCreateRequire } from 'node:module';\nconst require = __berthCreateRequire(import.meta.url);",
    },
    plugins: [inlineVersion],
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** Dependencies only needed to build or install an addon, never at run time. */
const BUILD_ONLY = new Set(['prebuild-install', 'node-addon-api', 'node-gyp', '@types/node']);

/** Inside a copied package: sources, other platforms' prebuilt binaries, build intermediates. */
function shipped(rel) {
  const top = rel.split('/')[1] ?? '';
  if (['src', 'deps', 'third_party', 'test', 'tests', '.github'].includes(top)) return false;
  if (/^\/prebuilds\/[^/]+/.test(rel) && !rel.startsWith(`/prebuilds/linux-${process.arch}`))
    return false;
  return !/^\/build\/(Release\/(obj\.target|\.deps)|[^R])/.test(rel);
}

/** The directory of package `dep` as Node would find it from `fromDir` (node_modules up the tree). */
function packageDir(dep, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', dep);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Copies each external package and its run-time dependencies (transitively) into lib/node_modules. */
function copyPackages() {
  const seen = new Set();
  const queue = EXTERNAL.map((p) => ({
    name: p,
    from: join(root, '..', '..', 'packages/runtime'),
  }));
  while (queue.length > 0) {
    const { name: dep, from } = queue.shift();
    if (seen.has(dep) || BUILD_ONLY.has(dep)) continue;
    const dir = packageDir(dep, from);
    if (!dir) continue; // optional peer (e.g. utf-8-validate) not installed: ws works without it
    seen.add(dep);
    cpSync(dir, join(stage, 'lib', 'node_modules', dep), {
      recursive: true,
      dereference: true,
      filter: (src) => shipped(src.slice(dir.length)),
    });
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // optionalDependencies carry napi-rs style per-platform binaries (node-unix-socket-linux-x64-gnu):
    // the ones npm installed here are this platform's.
    const deps = { ...meta.dependencies, ...meta.optionalDependencies };
    for (const d of Object.keys(deps)) queue.push({ name: d, from: dir });
  }
  return [...seen];
}

function wrapper(entry, nodeFlags, env = '') {
  return `#!/bin/sh
# ${entry}: runs the bundled ${entry} with the bundle's own Node (not whatever node is on PATH).
here=$(dirname "$(readlink -f "$0")")
${env}exec "$here/node" ${nodeFlags}"$here/../lib/${entry}.mjs" "$@"
`;
}

async function main() {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'bin'), { recursive: true });
  await bundleEntries();
  const packages = copyPackages();
  copyFileSync(process.execPath, join(stage, 'bin', 'node'));
  // --max-semi-space-size=1 --optimize-for-size, UV_USE_IO_URING=0, MALLOC_ARENA_MAX=2,
  // MALLOC_TRIM_THRESHOLD_: see bin/berth-agent.js.
  writeFileSync(
    join(stage, 'bin', 'berth-agent'),
    wrapper(
      'berth-agent',
      '--max-semi-space-size=1 --optimize-for-size ',
      'export UV_USE_IO_URING=0 MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072\n',
    ),
  );
  writeFileSync(join(stage, 'bin', 'berth'), wrapper('berth', ''));
  for (const f of ['node', 'berth-agent', 'berth']) chmodSync(join(stage, 'bin', f), 0o755);
  const share = join(stage, 'share');
  mkdirSync(join(share, 'systemd'), { recursive: true });
  for (const f of ['install.sh', 'uninstall.sh']) {
    copyFileSync(join(root, 'deploy', f), join(share, f));
    chmodSync(join(share, f), 0o755);
  }
  copyFileSync(
    join(root, 'deploy', 'systemd', 'berth-agent.service'),
    join(share, 'systemd', 'berth-agent.service'),
  );
  writeFileSync(
    join(stage, 'VERSION'),
    `${pkg.version}\nnode ${process.version}\narch ${arch}\npackages ${packages.join(' ')}\n`,
  );

  const dest = join(outDir, name);
  rmSync(dest, { recursive: true, force: true });
  renameSync(stage, dest);
  const tarball = join(outDir, `${name}.tar.gz`);
  // Reproducible order and owners; gzip -n leaves the name and time out of the header.
  execFileSync('sh', [
    '-c',
    `tar --sort=name --owner=0 --group=0 --numeric-owner -C "$1" -c "$2" | gzip -n -6 > "$3.partial" && mv "$3.partial" "$3"`,
    'tar',
    outDir,
    name,
    tarball,
  ]);
  const sha = await sha256File(tarball);
  writeFileSync(`${tarball}.sha256`, `${sha}  ${name}.tar.gz\n`);
  writeFileSync(
    join(outDir, 'latest.json'),
    JSON.stringify({ version: pkg.version, arch, file: `${name}.tar.gz`, sha256: sha }, null, 2) +
      '\n',
  );
  copyFileSync(join(root, 'deploy', 'install.sh'), join(outDir, 'install.sh'));
  if (!existsSync(tarball)) throw new Error(`bundle not written: ${tarball}`);
}

function sha256File(file) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

await main();
