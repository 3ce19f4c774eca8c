import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { operations } from './catalog.js';
import { openApiDocument, whoMay } from './document.js';

const appDir = join(import.meta.dirname, '..', '..', 'app');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === 'route.ts' ? [p] : [];
  });
}

/** `app/api/hosts/[id]/route.ts` exporting GET → `get /api/hosts/{id}`. */
function routesInApp(): string[] {
  return routeFiles(appDir).flatMap((file) => {
    const path = `/${relative(appDir, file).split(sep).slice(0, -1).join('/')}`.replace(
      /\[(\w+)\]/g,
      '{$1}',
    );
    const methods = [
      ...readFileSync(file, 'utf8').matchAll(/^export const (GET|POST|PATCH|PUT|DELETE) =/gm),
    ];
    return methods.map((m) => `${m[1]!.toLowerCase()} ${path}`);
  });
}

test('the operation table and the route files agree, both ways', () => {
  const inApp = routesInApp().sort();
  const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
  assert.deepEqual(documented, inApp);
});

test('the document is OpenAPI 3.1 with every request schema from zod', () => {
  const doc = openApiDocument(operations, { version: '1.0.0', serverUrl: 'http://x' }) as {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
          parameters?: { name: string; in: string; required: boolean }[];
          security?: unknown[];
        }
      >
    >;
  };
  assert.equal(doc.openapi, '3.1.0');
  const post = doc.paths['/api/tokens']!.post!;
  const schema = post.requestBody!.content['application/json']!.schema as {
    properties: Record<string, { items?: { enum?: string[] } }>;
    required: string[];
  };
  assert.deepEqual(schema.required.sort(), ['name', 'scopes']);
  assert.deepEqual(schema.properties.scopes!.items!.enum, ['read', 'operate', 'admin', 'metrics']);
  const rule = JSON.stringify(doc.paths['/api/alerts/rules']!.post!.requestBody);
  for (const kind of ['container_exited', 'host_offline', 'disk_high'])
    assert.ok(rule.includes(kind), kind);
  const del = doc.paths['/api/hosts/{id}/containers/{cid}']!.delete!;
  assert.deepEqual(
    del.parameters!.map((p) => `${p.in}:${p.name}:${p.required}`),
    ['path:id:true', 'path:cid:true', 'query:force:false'],
  );
  assert.deepEqual(doc.paths['/api/auth/login']!.post!.security, []);
  assert.equal(
    doc.paths['/api/hosts']!.get!.security,
    undefined,
    'the global bearer/cookie security applies',
  );
});

test('who may call an operation is said in words (roles and scopes)', () => {
  assert.equal(
    whoMay('hosts.create'),
    'Permission `hosts.create`: roles admin; token scopes admin.',
  );
  assert.equal(
    whoMay('containers.read'),
    'Permission `containers.read`: roles admin, operator, viewer; token scopes read, operate, admin.',
  );
  assert.match(whoMay('metrics.read'), /token scopes admin, metrics\.$/);
});
