import * as z from 'zod';

/** Docker Engine API v1.41 network shapes (`GET /networks`, `GET /networks/{id}`). */
export interface DockerNetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  /** `10.89.0.2/24`, empty for host/none. */
  IPv4Address: string;
  IPv6Address: string;
}

export interface DockerIpamConfig {
  Subnet: string;
  Gateway?: string;
}

export interface DockerNetwork {
  Name: string;
  Id: string;
  Created: string;
  Scope: 'local';
  Driver: string;
  EnableIPv6: boolean;
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: DockerIpamConfig[] };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, DockerNetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

const stringMap = z.record(z.string(), z.string()).nullish();

const IpamConfigSchema = z.looseObject({
  Subnet: z.string().nullish(),
  IPRange: z.string().nullish(),
  Gateway: z.string().nullish(),
  AuxiliaryAddresses: stringMap,
});

/**
 * `POST /networks/create`. Go clients send zero values, Python ones (docker-compose 1.29) send
 * `null`: every field but `Name` is nullish. Unknown fields are ignored, as dockerd does.
 */
export const NetworkCreateBodySchema = z.looseObject({
  Name: z.string().min(1, 'Name is required').max(128),
  CheckDuplicate: z.boolean().nullish(),
  Driver: z.string().nullish(),
  Scope: z.string().nullish(),
  Internal: z.boolean().nullish(),
  Attachable: z.boolean().nullish(),
  Ingress: z.boolean().nullish(),
  ConfigOnly: z.boolean().nullish(),
  ConfigFrom: z.looseObject({ Network: z.string().nullish() }).nullish(),
  EnableIPv6: z.boolean().nullish(),
  IPAM: z
    .looseObject({
      Driver: z.string().nullish(),
      Options: stringMap,
      Config: z.array(IpamConfigSchema).nullish(),
    })
    .nullish(),
  Options: stringMap,
  Labels: stringMap,
});
export type NetworkCreateBody = z.infer<typeof NetworkCreateBodySchema>;

/** `POST /networks/{id}/connect`. */
export const NetworkConnectBodySchema = z.looseObject({
  Container: z.string().min(1, 'Container is required').max(128),
  EndpointConfig: z
    .looseObject({
      Aliases: z.array(z.string()).nullish(),
      Links: z.array(z.string()).nullish(),
      IPAMConfig: z
        .looseObject({
          IPv4Address: z.string().nullish(),
          IPv6Address: z.string().nullish(),
          LinkLocalIPs: z.array(z.string()).nullish(),
        })
        .nullish(),
      MacAddress: z.string().nullish(),
      DriverOpts: stringMap,
    })
    .nullish(),
});
export type NetworkConnectBody = z.infer<typeof NetworkConnectBodySchema>;

/** `POST /networks/{id}/disconnect`. */
export const NetworkDisconnectBodySchema = z.looseObject({
  Container: z.string().min(1, 'Container is required').max(128),
  Force: z.boolean().nullish(),
});
export type NetworkDisconnectBody = z.infer<typeof NetworkDisconnectBodySchema>;
