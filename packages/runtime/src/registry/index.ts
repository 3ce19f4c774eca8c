export * from './client.js';
export * from './credentials.js';
export * from './endpoint.js';
export * from './www-authenticate.js';
export { Authorizer, basicHeader } from './auth.js';
