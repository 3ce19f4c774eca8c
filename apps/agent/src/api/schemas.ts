import * as z from 'zod';

/** `GET /v1/version`. Shared by the API handler and the CLI client. */
export const VersionResponseSchema = z.object({
  version: z.string(),
  apiVersion: z.string(),
  protocolVersion: z.number().int(),
  node: z.string(),
});
export type VersionResponse = z.infer<typeof VersionResponseSchema>;
