import type { StackDeployer } from './deployer.js';
import type { StackDeps } from './resources.js';
import { loadOnce } from '../load-once.js';

/**
 * The stack deployer, loaded on first use: it brings @berth/compose with its YAML parser, the
 * Compose Specification's JSON schema and ajv — a few MB of an agent's memory that hosts which
 * never run `berth compose` or a web stack do not need (an idle agent with 200 containers measured
 * with and without them: see bench/README.md). One instance, created by the first caller.
 */
export type LoadStacks = () => Promise<StackDeployer>;

export function lazyStackDeployer(deps: StackDeps): LoadStacks {
  return loadOnce(() => import('./deployer.js').then((m) => new m.StackDeployer(deps)));
}
