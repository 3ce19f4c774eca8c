import { z } from 'zod';
import { NetworkNameSchema } from '@berth/protocol';

/** Request bodies of the networks API (validated by the route handlers, reused by the form). */
export const CreateNetworkBody = z
  .object({
    name: NetworkNameSchema,
    subnet: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'subnet looks like 10.90.0.0/24')
      .optional(),
    internal: z.boolean().optional(),
  })
  .strict();
export type CreateNetworkBody = z.infer<typeof CreateNetworkBody>;
