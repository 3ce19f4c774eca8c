import { pagePrincipal } from '@/server/next/principal.js';
import { getServerContext } from '@/server/context.js';
import { operations } from '@/server/openapi/catalog.js';
import { API_VERSION, openApiDocument } from '@/server/openapi/document.js';
import { toApiGroups } from '@/features/api-docs/api-view-model.js';
import { ApiDocsView } from '@/features/api-docs/components/api-docs-view.js';

export default async function ApiDocsPage() {
  await pagePrincipal();
  const base = getServerContext().env.publicUrl;
  const doc = openApiDocument(operations, { version: API_VERSION, serverUrl: base });
  return <ApiDocsView groups={toApiGroups(doc as Parameters<typeof toApiGroups>[0], base)} />;
}
