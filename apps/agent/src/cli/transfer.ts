import { PullStreamLineSchema, PushStreamLineSchema } from '@berth/protocol';
import type { ImageSummary, LayerProgress, PushResult, WireError } from '@berth/protocol';
import { AgentError } from '../errors.js';
import type { AgentClient } from './client.js';

const failure = (e: WireError) => new AgentError(e.code, e.message);
const early = (what: string) =>
  new AgentError('UNAVAILABLE', `the agent ended the ${what} stream without a result`);

/** `POST /v1/images/pull`: progress to `onProgress`; resolves with the image or throws its error. */
export async function pullImage(
  client: AgentClient,
  body: { ref: string; platform?: string },
  onProgress: (p: LayerProgress) => void,
): Promise<ImageSummary> {
  let image: ImageSummary | undefined;
  await client.stream('/v1/images/pull', body, PullStreamLineSchema, (line) => {
    if ('error' in line) throw failure(line.error);
    if ('done' in line) image = line.image;
    else onProgress(line);
  });
  if (!image) throw early('pull');
  return image;
}

/** `POST /v1/images/push`, like `pullImage`. */
export async function pushImage(
  client: AgentClient,
  ref: string,
  onProgress: (p: LayerProgress) => void,
): Promise<PushResult> {
  let pushed: PushResult | undefined;
  await client.stream('/v1/images/push', { ref }, PushStreamLineSchema, (line) => {
    if ('error' in line) throw failure(line.error);
    if ('done' in line) pushed = line.pushed;
    else onProgress(line);
  });
  if (!pushed) throw early('push');
  return pushed;
}
