export { parseEnvText } from '../../lib/env-text.js';

/** Pure: the progress context of a preview (service → image, services with a health check). */
export function progressContext(preview: {
  project: string;
  services: readonly { name: string; image: string; healthcheck: boolean }[];
}) {
  return {
    project: preview.project,
    images: Object.fromEntries(preview.services.map((s) => [s.name, s.image])),
    healthchecks: new Set(preview.services.filter((s) => s.healthcheck).map((s) => s.name)),
  };
}
