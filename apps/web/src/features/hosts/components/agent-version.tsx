import type { HostViewModel } from '../host-view-model.js';

const noteClass = {
  red: 'bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300',
  amber: 'bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300',
};

/** The agent's version, with "needs upgrade" / "update available" beside it (reason on hover). */
export function AgentVersion({ vm }: { vm: Pick<HostViewModel, 'agentVersion' | 'agentNote'> }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="font-mono">{vm.agentVersion}</span>
      {vm.agentNote ? (
        <span
          data-testid="agent-note"
          title={vm.agentNote.title}
          className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${noteClass[vm.agentNote.tone]}`}
        >
          {vm.agentNote.text}
        </span>
      ) : null}
    </span>
  );
}
