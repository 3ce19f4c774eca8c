import * as z from 'zod';

/** Docker Engine API v1.41 image shapes (what `docker images`, `inspect`, `history`, `rmi` read). */
export interface DockerImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  SharedSize: number;
  VirtualSize: number;
  Labels: Record<string, string> | null;
  Containers: number;
}

export interface DockerImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Container: string;
  ContainerConfig: Record<string, unknown>;
  DockerVersion: string;
  Author: string;
  Config: Record<string, unknown> | null;
  Architecture: string;
  Variant?: string;
  Os: string;
  Size: number;
  VirtualSize: number;
  GraphDriver: { Name: string; Data: Record<string, string> | null };
  RootFS: { Type: 'layers'; Layers: string[] };
  Metadata: { LastTagTime: string };
}

export interface DockerHistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export type DockerDeleteItem = { Untagged: string } | { Deleted: string };

/** The image config as Docker reads it: its own fields kept, the ones Docker shows checked. */
export const DockerImageConfigSchema = z.looseObject({
  architecture: z.string().optional(),
  os: z.string().optional(),
  variant: z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  container: z.string().optional(),
  docker_version: z.string().optional(),
  config: z.record(z.string(), z.unknown()).nullish(),
  container_config: z.record(z.string(), z.unknown()).nullish(),
  rootfs: z.object({ type: z.string(), diff_ids: z.array(z.string()) }),
  history: z
    .array(
      z.looseObject({
        created: z.string().optional(),
        created_by: z.string().optional(),
        comment: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .nullish(),
});
export type DockerImageConfig = z.infer<typeof DockerImageConfigSchema>;

/** `X-Registry-Auth` / `POST /auth`: Docker's AuthConfig. */
export const AuthConfigSchema = z.looseObject({
  username: z.string().max(1024).optional(),
  password: z.string().max(4096).optional(),
  auth: z.string().max(8192).optional(),
  email: z.string().optional(),
  serveraddress: z.string().max(1024).optional(),
  identitytoken: z.string().optional(),
  registrytoken: z.string().optional(),
});
export type AuthConfig = z.infer<typeof AuthConfigSchema>;

/** Names and tags in queries: bounded, no control characters (the reference parser checks the grammar). */
const refText = z
  .string()
  .max(512)
  .regex(/^[^\s\0]*$/, 'must not contain whitespace');

/** `POST /images/create` (pull; `fromSrc` is `docker import`, not served). */
export const ImageCreateQuerySchema = z.looseObject({
  fromImage: refText.optional(),
  fromSrc: z.string().optional(),
  tag: refText.optional(),
  platform: z.string().max(64).optional(),
  repo: refText.optional(),
});

/** `POST /images/{name}/tag`. */
export const ImageTagQuerySchema = z.looseObject({
  repo: refText.min(1, 'repo is required'),
  tag: refText.optional(),
});

/** `POST /images/{name}/push`. */
export const ImagePushQuerySchema = z.looseObject({ tag: refText.optional() });

/** `GET /images/get`. */
export const ImageGetQuerySchema = z.object({
  names: z.array(refText.min(1)).min(1, 'names is required').max(256),
});
