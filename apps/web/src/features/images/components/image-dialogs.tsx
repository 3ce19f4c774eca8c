import { Button, TextField } from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { imageName, type ImageDto } from '../../../lib/dto/image.js';

export type PendingImageAction =
  { kind: 'remove'; image: ImageDto } | { kind: 'prune' } | { kind: 'tag'; image: ImageDto };

/** The confirmations of Remove and Prune, and the Tag form; `onConfirm` does the action. */
export function ImageDialogs({
  pending,
  onClose,
  tagTarget,
  onTagTarget,
  onConfirm,
}: {
  pending: PendingImageAction | null;
  onClose: () => void;
  tagTarget: string;
  onTagTarget: (target: string) => void;
  onConfirm: (pending: PendingImageAction) => void;
}) {
  return (
    <>
      <Dialog
        open={pending?.kind === 'remove' || pending?.kind === 'prune'}
        onClose={onClose}
        title={pending?.kind === 'prune' ? 'Prune images' : 'Remove image'}
      >
        <p className="text-sm">
          {pending?.kind === 'prune'
            ? 'Remove every dangling image and unreferenced layer on this host?'
            : pending?.kind === 'remove'
              ? `Remove ${imageName(pending.image)}?`
              : ''}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (pending) onConfirm(pending);
              onClose();
            }}
          >
            Confirm
          </Button>
        </div>
      </Dialog>

      <Dialog open={pending?.kind === 'tag'} onClose={onClose} title="Tag image">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (pending?.kind !== 'tag' || !tagTarget.trim()) return;
            onConfirm(pending);
            onClose();
          }}
        >
          <TextField
            label="New tag"
            id="tag-target"
            value={tagTarget}
            placeholder="127.0.0.1:5000/team/app:1.0"
            onChange={onTagTarget}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Tag</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
