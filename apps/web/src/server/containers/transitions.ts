import type { ContainerDto, ContainerTransition } from '../../lib/dto/container.js';

/**
 * Actions under way, by the web's container id: what a container shows ("stopping…") between
 * the web asking its agent and the agent answering. In memory only (a web restart forgets them;
 * the agent's next answer or inventory is the truth anyway). A later action on the same
 * container replaces an earlier one; each `begin` returns the `end` of its own transition only.
 */
export function createTransitions() {
  const active = new Map<string, { transition: ContainerTransition; token: symbol }>();
  return {
    begin(id: string, transition: ContainerTransition): () => void {
      const token = Symbol(transition);
      active.set(id, { transition, token });
      return () => {
        if (active.get(id)?.token === token) active.delete(id);
      };
    },
    of(id: string): ContainerTransition | null {
      return active.get(id)?.transition ?? null;
    },
    /** The DTO as browsers see it: with the transition under way, if any. */
    decorate(dto: ContainerDto): ContainerDto {
      const transition = active.get(dto.id)?.transition ?? null;
      return transition === (dto.transition ?? null) ? dto : { ...dto, transition };
    },
  };
}
export type Transitions = ReturnType<typeof createTransitions>;
