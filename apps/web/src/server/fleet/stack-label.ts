/** The label Compose (and `berth compose`) puts on every container of a project (a "stack"). */
export const STACK_LABEL = 'com.docker.compose.project';

/** Pure: the stack (compose project) a container belongs to, or null. */
export function stackOf(labels: Record<string, string>): string | null {
  return labels[STACK_LABEL] ?? null;
}
