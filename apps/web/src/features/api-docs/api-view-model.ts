/** Pure: the OpenAPI document as the dashboard's API page lists it. */
export interface ApiOperationView {
  method: string;
  path: string;
  summary: string;
  who: string;
  body: string | null;
  query: string[];
  curl: string;
}

export interface ApiGroupView {
  tag: string;
  operations: ApiOperationView[];
}

interface DocOperation {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

export function toApiGroups(
  doc: { paths?: Record<string, Record<string, DocOperation>> },
  baseUrl: string,
): ApiGroupView[] {
  const groups = new Map<string, ApiOperationView[]>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      const body = op.requestBody?.content?.['application/json']?.schema;
      const curl = [
        `curl -sS${method === 'get' ? '' : ` -X ${method.toUpperCase()}`}`,
        `-H "Authorization: Bearer $BERTH_TOKEN"`,
        ...(body ? [`-H 'content-type: application/json' -d '{…}'`] : []),
        `${baseUrl}${path}`,
      ].join(' ');
      const list = groups.get(tag) ?? [];
      list.push({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        who: op.description ?? '',
        body: body ? JSON.stringify(body, null, 2) : null,
        query: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => `${p.name}${p.required ? '' : '?'}`),
        curl,
      });
      groups.set(tag, list);
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}
