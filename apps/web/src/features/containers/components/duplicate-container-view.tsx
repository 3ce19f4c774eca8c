'use client';

import { EmptyState, ErrorText } from '../../../components/ui/ui.js';
import { useContainerSpec } from '../queries/use-container-spec.js';
import { CreateContainerView } from './create-container-view.js';

/**
 * /containers/new?host=&from= — Duplicate/Edit: the create form, once the container's settings
 * are loaded, started from them.
 */
export function DuplicateContainerView(props: {
  hostId: string;
  from: string;
  canElevate: boolean;
}) {
  const spec = useContainerSpec(props.hostId, props.from);
  if (spec.isPending) return <p className="text-sm text-slate-500">Loading its settings…</p>;
  if (spec.error)
    return (
      <EmptyState title="Cannot copy this container">
        <ErrorText error={spec.error} />
      </EmptyState>
    );
  const { request, notCopied } = spec.data;
  return (
    <CreateContainerView
      initialHost={props.hostId}
      canElevate={props.canElevate}
      copyOf={{ ref: props.from, name: request.name ?? props.from, request, notCopied }}
    />
  );
}
