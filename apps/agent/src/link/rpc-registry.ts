import { parseRpcRequest, rpcMethods } from '@berth/protocol';
import type { RpcMethod, RpcParams, RpcResponse, RpcResult } from '@berth/protocol';
import { AgentError, toWireError } from '../errors.js';
import { inPeoplesWords } from '../people-words.js';

export type RpcHandler<M extends RpcMethod> = (
  params: RpcParams<M>,
) => Promise<RpcResult<M>> | RpcResult<M>;

/**
 * Method → handler table for RPCs from the web. Handlers are registered by the composition root
 * (`registerSystemRpcs(registry, …)`, later `registerImageRpcs(registry, engine)`), so the link
 * knows nothing of what they do. `dispatch` never throws: every outcome is an RpcResponse.
 */
export class RpcRegistry {
  readonly #handlers = new Map<RpcMethod, (params: unknown) => Promise<unknown>>();

  register<M extends RpcMethod>(method: M, handler: RpcHandler<M>): this {
    if (this.#handlers.has(method)) {
      throw new AgentError('ALREADY_EXISTS', `rpc handler for ${method} already registered`);
    }
    this.#handlers.set(method, async (params) => handler(params as RpcParams<M>));
    return this;
  }

  methods(): RpcMethod[] {
    return [...this.#handlers.keys()];
  }

  async dispatch(raw: unknown): Promise<RpcResponse> {
    try {
      const { method, params } = parseRpcRequest(raw);
      const handler = this.#handlers.get(method);
      if (!handler)
        throw new AgentError('UNIMPLEMENTED', `rpc method ${method} is not served by this agent`);
      const result = rpcMethods[method].result.safeParse(await handler(params));
      if (!result.success)
        throw new AgentError('INTERNAL', `handler for ${method} returned a malformed result`);
      return { ok: true, result: result.data };
    } catch (err) {
      // The web shows these to people: the runtime's noise goes to `details.detail`.
      return { ok: false, error: inPeoplesWords(toWireError(err)) };
    }
  }
}
