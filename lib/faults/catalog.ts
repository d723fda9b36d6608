import "server-only";

/**
 * The authoring side's names for the fault kinds (catalog, forms, experiment
 * validation, YAML import/export). The list itself is lib/faults/registry.ts.
 */
export { listFaultKinds, findFaultKind, isPeopleKind } from "./registry";
export { BACKEND_LABELS, FAULT_BACKENDS, type FaultBackend, type FaultKind } from "./fault-module";
