// Bundles the `berth` CLI (dist/bin/berth.js, over tsc's output) so its start-up reads a few
// files instead of resolving ~100 modules. The entry holds commander, the command table and the
// root program; each command module (with zod and the protocol schemas it needs) is a chunk in
// dist/bin/chunks/ that `import()` loads only when that command runs — one 1 MB file would cost
// ~40 ms of compile and UTF-8 decoding on every `berth --version`.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
if (typeof pkg.version !== 'string') throw new Error('apps/agent/package.json has no version');

/** version.ts reads package.json beside dist/ at run time; in the bundle it is a constant. */
const inlineVersion = {
  name: 'inline-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({
      loader: 'ts',
      contents:
        `export const AGENT_VERSION = ${JSON.stringify(pkg.version)};\n` +
        `export const API_VERSION = '1';\n`,
    }));
  },
};

/** The CLI must never pull in the engine: fail the build if anything imports it. */
const noRuntime = {
  name: 'no-runtime',
  setup(b) {
    b.onResolve({ filter: /^@berth\/runtime/ }, (args) => ({
      errors: [{ text: `the CLI bundle must not import @berth/runtime (from ${args.importer})` }],
    }));
  },
};

const outdir = new URL('dist/bin/', root).pathname;
rmSync(`${outdir}berth.js.map`, { force: true }); // tsc's map no longer matches

const result = await build({
  entryPoints: { berth: new URL('src/bin/berth.ts', root).pathname },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // commander is CommonJS: give its require() of node builtins a real require in ESM
  banner: {
    js: "import { createRequire as __berthCreateRequire } from 'node:module';\nconst require = __berthCreateRequire(import.meta.url);",
  },
  plugins: [inlineVersion, noRuntime],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// Old chunks go only after the new ones are written: a `berth` started meanwhile still finds the
// chunks its (old) entry imports.
const written = new Set(Object.keys(result.metafile.outputs).map((p) => p.split('/').pop()));
for (const name of readdirSync(`${outdir}chunks`))
  if (!written.has(name)) rmSync(`${outdir}chunks/${name}`, { force: true });
