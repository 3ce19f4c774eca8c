import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutSpanTrace } from './schema-engine.js';

test('engine messages lose their Rust span trace', () => {
  const raw =
    'near ";": syntax error\n   0: sql_schema_connector::apply_migration::apply_script\n           with migration_name="x"\n';
  assert.equal(withoutSpanTrace(raw), 'near ";": syntax error');
  assert.equal(
    withoutSpanTrace('Migration failed.\n           with _namespaces=None _filter=SchemaFilter'),
    'Migration failed.',
  );
  assert.equal(withoutSpanTrace('plain'), 'plain');
});
