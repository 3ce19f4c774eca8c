import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDownload, type AgentBundle } from './bundle-dir.js';
import { joinCommand } from '../hosts/hosts-service.js';

const bundle: AgentBundle = {
  version: '0.1.0',
  arch: 'amd64',
  file: 'berth-agent-0.1.0-linux-amd64.tar.gz',
  sha256: 'a'.repeat(64),
};

test('downloads: the stable alias and the versioned name serve the bundle; nothing else does', () => {
  const gz = { file: bundle.file, type: 'application/gzip' };
  assert.deepEqual(resolveDownload('/downloads/berth-agent-linux-amd64.tar.gz', bundle), gz);
  assert.deepEqual(resolveDownload(`/downloads/${bundle.file}`, bundle), gz);
  assert.equal(
    resolveDownload('/downloads/berth-agent-linux-amd64.tar.gz.sha256', bundle)?.file,
    `${bundle.file}.sha256`,
  );
  assert.equal(resolveDownload('/install.sh', null)?.file, 'install.sh');
  for (const path of [
    '/downloads/berth-agent-linux-arm64.tar.gz',
    '/downloads/../latest.json',
    '/downloads/%2e%2e/latest.json',
    '/downloads/',
    '/downloads/install.sh',
  ])
    assert.equal(resolveDownload(path, bundle), null, path);
  assert.equal(resolveDownload('/downloads/berth-agent-linux-amd64.tar.gz', null), null);
});

test('join command: install line with the sha256, token in the environment, key pin over https', () => {
  const token = 'bjt1.abcdefgh.' + 'x'.repeat(32);
  assert.equal(
    joinCommand({ publicUrl: 'http://w:3000', token, bundleSha256: bundle.sha256, pin: null }),
    `curl -fsSL http://w:3000/install.sh | sudo BERTH_JOIN_TOKEN=${token} sh -s -- --sha256 ${bundle.sha256}`,
  );
  assert.equal(
    joinCommand({ publicUrl: 'https://w', token, bundleSha256: bundle.sha256, pin: 'sha256//K=' }),
    `curl -fsSLk --pinnedpubkey sha256//K= https://w/install.sh | sudo BERTH_JOIN_TOKEN=${token} sh -s -- --sha256 ${bundle.sha256} --pin sha256//K=`,
  );
  const dev = joinCommand({ publicUrl: 'http://w', token, bundleSha256: null, pin: null });
  assert.equal(dev, `BERTH_JOIN_TOKEN=${token} npx berth-agent --server http://w`);
  assert.doesNotMatch(dev, /--join-token/);
});
