import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentRequestTimes } from './agent-times.js';

const id = 'a'.repeat(64);

test('agent request times: create and start from the debug log, per agent; other lines ignored', () => {
  const t = new AgentRequestTimes();
  t.add('berth', `{"level":"debug","msg":"docker-api: POST /v1.41/containers/create 201 42.5 ms"}`);
  t.add('berth', `{"msg":"docker-api: POST /v1.41/containers/create?name=web 201 50.5 ms"}`);
  t.add('berth', `{"msg":"docker-api: POST /v1.41/containers/${id}/start 204 120.0 ms"}`);
  t.add('berth', `{"msg":"docker-api: POST /v1.41/containers/${id}/stop?t=0 204 80.0 ms"}`);
  t.add('berth', `{"msg":"docker-api: POST /v1.41/containers/create 409 3.0 ms"}`);
  t.add('berth-baseline', `{"msg":"docker-api: POST /containers/${id}/start 204 99.9 ms"}`);
  assert.deepEqual(t.samples(), {
    berth: { create: [42.5, 50.5], start: [120] },
    'berth-baseline': { create: [], start: [99.9] },
  });
  assert.match(t.summary(), /inside berth: create 47 ms \(43–51\), start 120 ms/);
  t.reset();
  assert.deepEqual(t.samples(), {});
});
