import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentName } from './attachment-name.js';
import { toVolumeDto } from './volumes-service.js';

test('download names are the last path part, header-safe', () => {
  assert.equal(attachmentName('/data/report.csv'), 'report.csv');
  assert.equal(attachmentName('/a/we"ird\r\nname;.txt'), 'we_ird__name_.txt');
  assert.equal(attachmentName('/'), 'file');
  assert.equal(attachmentName('/..'), 'file');
});

test('a volume names its users from the mirror and its compose project from its label', () => {
  const id = 'a'.repeat(64);
  const other = 'b'.repeat(64);
  const dto = toVolumeDto(
    {
      name: 'shop_data',
      mountpoint: '/var/lib/berth/volumes/shop_data/_data',
      createdAt: '2026-01-01T00:00:00.000Z',
      labels: { 'com.docker.compose.project': 'shop' },
      usedBy: [id, other],
    },
    new Map([[id, 'shop-db-1']]),
  );
  assert.equal(dto.project, 'shop');
  assert.deepEqual(dto.usedBy, [
    { engineId: id, name: 'shop-db-1' },
    { engineId: other, name: 'bbbbbbbbbbbb' },
  ]);
  assert.equal('mountpoint' in dto, false, 'host paths stay on the host');
});
