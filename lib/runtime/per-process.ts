/**
 * State that must exist once per server process, whatever the bundling.
 *
 * Next's production build copies a module into every chunk that imports it
 * (server actions, route handlers and instrumentation are bundled apart), so a
 * module-level `const` can exist several times in one process: each copy of
 * `process-id.ts` drew its own random id, and the engine then took the
 * process's own runs for orphans. `globalThis` is one per process, so state
 * kept there under a registered symbol is shared by every copy.
 */
export function perProcess<T>(name: string, create: () => T): T {
  const key = Symbol.for(`firedrill.${name}`);
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  return (g[key] ??= create());
}
