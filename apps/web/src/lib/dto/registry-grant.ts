/** A registry whose credentials stored on the agents operators may use (granted by an admin). */
export interface RegistryGrantDto {
  registry: string;
  grantedBy: string;
  createdAt: string;
}
