/**
 * Registry credentials an admin stored in the web, as the API shows them: never the password.
 * `storedBy`/`updatedAt`: who stored or last replaced them, and when.
 */
export interface RegistryCredentialDto {
  registry: string;
  username: string;
  storedBy: string;
  createdAt: string;
  updatedAt: string;
}
