import type {
  DiskUsage,
  ImagePruneResult,
  ImageRemoveResult,
  ImageSummary,
  LayersReport,
} from '@berth/protocol';
import { humanAge, humanSize, shortId } from './human.js';
import { formatTable } from './table.js';

/** `host:5000/a/b:tag` → [`host:5000/a/b`, `tag`] (the tag is after the last `:` past the last `/`). */
export function splitRepoTag(repoTag: string): [string, string] {
  const slash = repoTag.lastIndexOf('/');
  const colon = repoTag.lastIndexOf(':');
  if (colon > slash) return [repoTag.slice(0, colon), repoTag.slice(colon + 1)];
  return [repoTag, '<none>'];
}

/** `docker images`: one row per tag, `<none>` for dangling images. */
export function formatImagesTable(images: readonly ImageSummary[], now: number): string {
  const rows: string[][] = [];
  for (const i of images) {
    const tags = i.repoTags.length > 0 ? i.repoTags.map(splitRepoTag) : [['<none>', '<none>']];
    for (const [repo, tag] of tags)
      rows.push([repo!, tag!, shortId(i.id), humanAge(i.created, now), humanSize(i.size)]);
  }
  return formatTable(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], rows);
}

/** `-q`: unique short IDs, in list order. */
export function formatImageIds(images: readonly ImageSummary[]): string {
  const ids = [...new Set(images.map((i) => shortId(i.id)))];
  return ids.map((id) => id + '\n').join('');
}

/** One JSON object per line (docker's `--format json` for lists). */
export function jsonLines(items: readonly unknown[]): string {
  return items.map((i) => JSON.stringify(i) + '\n').join('');
}

function imageName(images: readonly ImageSummary[], id: string): string {
  return images.find((i) => i.id === id)?.repoTags[0] ?? shortId(id);
}

/** `image layers`: LAYER SIZE IMAGES, then the total and what sharing saves. */
export function formatLayersTable(report: LayersReport, images: readonly ImageSummary[]): string {
  const rows = report.layers.map((l) => [
    shortId(l.digest ?? l.chainId),
    humanSize(l.size),
    l.images.length === 0 ? '-' : l.images.map((id) => imageName(images, id)).join(', '),
  ]);
  return (
    formatTable(['LAYER', 'SIZE', 'IMAGES'], rows) +
    `\nTotal: ${humanSize(report.totalSize)} on disk; ${humanSize(report.sharedSavings)} saved by sharing layers (${report.sharedSavings} bytes)\n`
  );
}

export function formatRemoveResult(r: ImageRemoveResult): string {
  return (
    r.untagged.map((t) => `Untagged: ${t}\n`).join('') +
    r.deleted.map((d) => `Deleted: ${d}\n`).join('')
  );
}

export function formatPruneResult(r: ImagePruneResult): string {
  const deleted =
    r.deleted.length > 0
      ? 'Deleted Images:\n' + r.deleted.map((d) => `deleted: ${d}\n`).join('') + '\n'
      : '';
  return `${deleted}Total reclaimed space: ${humanSize(r.bytesReclaimed)}\n`;
}

export function formatDiskUsage(d: DiskUsage): string {
  return formatTable(
    ['TYPE', 'TOTAL', 'DANGLING', 'SIZE', 'SHARED SAVINGS'],
    [
      ['Images', String(d.images), String(d.danglingImages), humanSize(d.contentBytes), '-'],
      ['Layers (unpacked)', '-', '-', humanSize(d.snapshotBytes), humanSize(d.sharedSavings)],
    ],
  );
}

/**
 * The name to report after `pull REF`: the image's tag that REF names (the image may carry
 * other tags too), else REF as typed; the ID for a digest-only image.
 */
export function pulledName(image: ImageSummary, ref: string): string {
  const candidates = [ref, `${ref}:latest`];
  const hit = image.repoTags.find((t) => candidates.some((c) => t === c || t.endsWith(`/${c}`)));
  return hit ?? (ref.includes('@') || image.repoTags.length === 0 ? image.id : ref);
}
