import * as z from 'zod';

/** `POST /containers/{id}/exec`. */
export const ExecCreateBodySchema = z.looseObject({
  AttachStdin: z.boolean().nullish(),
  AttachStdout: z.boolean().nullish(),
  AttachStderr: z.boolean().nullish(),
  DetachKeys: z.string().nullish(),
  Tty: z.boolean().nullish(),
  Env: z.array(z.string()).nullish(),
  Cmd: z.array(z.string()).min(1, 'No exec command specified'),
  Privileged: z.boolean().nullish(),
  User: z.string().nullish(),
  WorkingDir: z.string().nullish(),
  ConsoleSize: z.array(z.number().int().min(0)).length(2).nullish(),
});
export type ExecCreateBody = z.infer<typeof ExecCreateBodySchema>;

/** `POST /exec/{id}/start` (the body of a hijacked request). */
export const ExecStartBodySchema = z.looseObject({
  Detach: z.boolean().nullish(),
  Tty: z.boolean().nullish(),
  ConsoleSize: z.array(z.number().int().min(0)).length(2).nullish(),
});
export type ExecStartBody = z.infer<typeof ExecStartBodySchema>;

/** `GET /exec/{id}/json`. */
export interface DockerExecInspect {
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  ExitCode: number | null;
  ID: string;
  OpenStderr: boolean;
  OpenStdin: boolean;
  OpenStdout: boolean;
  ProcessConfig: {
    arguments: string[];
    entrypoint: string;
    privileged: boolean;
    tty: boolean;
    user: string;
  };
  Running: boolean;
  Pid: number;
}
