import * as z from 'zod';

/** Docker Engine API v1.41 volume shapes. */
export interface DockerVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: 'local';
  Options: Record<string, string> | null;
  UsageData?: { Size: number; RefCount: number };
}

/** `POST /volumes/create`. */
export const VolumeCreateBodySchema = z.looseObject({
  Name: z.string().max(255).nullish(),
  Driver: z.string().nullish(),
  DriverOpts: z.record(z.string(), z.string()).nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
});
export type VolumeCreateBody = z.infer<typeof VolumeCreateBodySchema>;
