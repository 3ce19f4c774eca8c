export * from './errors.js';
export * from './model.js';
export * from './plan-types.js';
export { loadProject, type LoadOptions, type ReadFile } from './load.js';
export { planProject, containerName, containerLabels } from './plan.js';
export {
  reconcile,
  describeAction,
  type Action,
  type ExistingContainer,
  type Reconciliation,
  type ReconcileOptions,
} from './reconcile.js';
export { dependencyOrder, dependents } from './order.js';
export { configHash, canonicalJson } from './config-hash.js';
export { LABEL, COMPOSE_COMPAT_VERSION, projectSelector } from './labels.js';
export { interpolate, interpolateTree, type Lookup } from './interpolate.js';
export { parseDuration, parseBytes } from './units.js';
export { projectName, normalizeProjectName } from './project-name.js';
export { defaultFileCandidates, DEFAULT_FILE_NAMES } from './default-files.js';
export { splitShellWords } from './shell-words.js';
export { lintComposeText, type LintDiagnostic, type DocumentCheck } from './lint.js';
export { lintCompose } from './lint-schema.js';
export { formatProblem, type PathProblem } from './problems.js';
