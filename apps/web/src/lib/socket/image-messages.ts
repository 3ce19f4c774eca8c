import type { ImageSummary, LayerProgress } from '@berth/protocol';

/** Image events on the browser socket (/ui). */

/** web → the browser that started the pull: one layer's progress. */
export interface ImagePullProgressEvent extends LayerProgress {
  hostId: string;
  pullId: string;
  ref: string;
}

/** web → every reader: a host's fresh image list (after each change on the agent). */
export interface ImagesChangedEvent {
  hostId: string;
  images: ImageSummary[];
}
