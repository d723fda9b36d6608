import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clientForCluster } from "@/lib/k8s/connections";
import { acquireLocks } from "../lifecycle/target-locks";
import { experimentOfRun, runModeOf } from "../lifecycle/frozen-experiment";
import { claimRound, dueRound } from "../lifecycle/rounds";
import { addRunEvent, SYSTEM } from "../lifecycle/timeline";
import { applyStep } from "./apply-step";
import { endRun } from "./end-run";
import { lockKeysOf, planSteps } from "./plan-steps";

/**
 * Repeated injection (Chaos Monkey style): applies the rounds that are due,
 * from the run's frozen experiment. Each round is claimed in the run's
 * `round` column first, so concurrent passes and replicas apply it once; it
 * is planned again (new sample, same guardrails, objects held by other runs
 * left out) and takes locks on the objects it adds.
 */
export async function runDueRounds(runId: string, now: Date, random: () => number = Math.random): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running" || !run.startedAt) return;
  const experiment = await experimentOfRun(run);
  const { count, probability } = experiment.targets.repeat;
  if (runModeOf(run, experiment) !== "cluster" || !experiment.clusterId) return;
  const due = dueRound(now.getTime() - run.startedAt.getTime(), experiment.targets.repeat);
  for (let round = run.round + 1; round <= due; round++) {
    if (!(await claimRound(runId, round))) return; // another pass has it
    if (random() >= probability) {
      await addRunEvent(runId, "status", `Round ${round + 1} of ${count} skipped (probability ${probability})`, SYSTEM);
      continue;
    }
    await addRunEvent(runId, "status", `Round ${round + 1} of ${count}`, SYSTEM);
    const { client, guardrails } = await clientForCluster(experiment.clusterId);
    const steps = await planSteps({ client, guardrails, experiment, runId, round, dryRun: false });
    const problems = steps.flatMap((s) => s.problems);
    if (problems.length === 0) {
      try {
        await acquireLocks(experiment.clusterId, runId, steps.flatMap((s) => s.chosen.flatMap(lockKeysOf)));
      } catch (error) {
        problems.push(error instanceof AppError ? error.message : String(error));
      }
    }
    if (problems.length) {
      await addRunEvent(runId, "error", `Round ${round + 1} refused: ${problems.join(" ")}`, SYSTEM);
      continue;
    }
    for (const step of steps) {
      const { error, stopped } = await applyStep({ client, guardrails, experiment, runId, step, round, actor: SYSTEM });
      if (stopped) return;
      if (error) {
        // Not awaited: the end waits for this round's task to finish.
        void endRun(runId, "round-failed", SYSTEM, `Round ${round + 1} failed: ${error}`).catch(() => undefined);
        return;
      }
    }
  }
}
