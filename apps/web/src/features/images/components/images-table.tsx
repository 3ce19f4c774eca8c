import { Button, tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import type { ImageDto } from '../../../lib/dto/image.js';
import { formatBytes } from '../../stats/format.js';

/** A host's images, one row each; operators get Tag, Push and Remove. */
export function ImagesTable({
  images,
  canOperate,
  busy,
  onTag,
  onPush,
  onRemove,
}: {
  images: readonly ImageDto[];
  canOperate: boolean;
  /** An image action is running (Push waits for it). */
  busy: boolean;
  onTag: (image: ImageDto) => void;
  onPush: (image: ImageDto) => void;
  onRemove: (image: ImageDto) => void;
}) {
  return (
    <table className={tableClass}>
      <thead>
        <tr>
          <th className={thClass}>Image</th>
          <th className={thClass}>ID</th>
          <th className={thClass} title="As pulled: the layers' compressed size">
            Size (compressed)
          </th>
          <th className={thClass}>Layers</th>
          <th className={thClass}>Created</th>
          {canOperate ? <th className={thClass}>Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {images.map((img) => (
          <tr key={img.id} data-testid="image-row">
            <td className={tdClass}>
              {img.repoTags.length ? img.repoTags.join(', ') : <em>&lt;none&gt;</em>}
            </td>
            <td className={`${tdClass} font-mono text-xs`}>
              {img.id.replace(/^sha256:/, '').slice(0, 12)}
            </td>
            <td className={tdClass}>{formatBytes(img.size)}</td>
            <td className={tdClass}>{img.layers.length}</td>
            <td className={tdClass}>
              {img.created ? new Date(img.created).toLocaleString() : '–'}
            </td>
            {canOperate ? (
              <td className={`${tdClass} space-x-1 whitespace-nowrap`}>
                <Button variant="secondary" onClick={() => onTag(img)}>
                  Tag
                </Button>
                <Button
                  variant="secondary"
                  disabled={img.repoTags.length === 0 || busy}
                  onClick={() => onPush(img)}
                >
                  Push
                </Button>
                <Button variant="danger" onClick={() => onRemove(img)}>
                  Remove
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
