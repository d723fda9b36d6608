-- CreateTable
CREATE TABLE "TargetLock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TargetLock_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TargetLock_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "liveExperimentId" TEXT,
    "mode" TEXT,
    "experimentSnapshot" JSONB,
    "round" INTEGER NOT NULL DEFAULT 0,
    "endCause" TEXT,
    "startedAt" DATETIME,
    "endsAt" DATETIME,
    "endedAt" DATETIME,
    "startedById" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("createdAt", "endedAt", "endsAt", "experimentId", "id", "leaseExpiresAt", "leaseOwner", "startedAt", "startedById", "status") SELECT "createdAt", "endedAt", "endsAt", "experimentId", "id", "leaseExpiresAt", "leaseOwner", "startedAt", "startedById", "status" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE UNIQUE INDEX "Run_liveExperimentId_key" ON "Run"("liveExperimentId");
CREATE INDEX "Run_experimentId_idx" ON "Run"("experimentId");
CREATE TABLE "new_LedgerEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "undo" JSONB NOT NULL,
    "objectKey" TEXT,
    "lastRound" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    "applySettledAt" DATETIME,
    "revertedAt" DATETIME,
    CONSTRAINT "LedgerEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LedgerEntry" ("appliedAt", "attempts", "clusterId", "createdAt", "id", "kind", "lastError", "revertedAt", "round", "runId", "state", "stepIndex", "target", "undo") SELECT "appliedAt", "attempts", "clusterId", "createdAt", "id", "kind", "lastError", "revertedAt", "round", "runId", "state", "stepIndex", "target", "undo" FROM "LedgerEntry";
DROP TABLE "LedgerEntry";
ALTER TABLE "new_LedgerEntry" RENAME TO "LedgerEntry";
CREATE INDEX "LedgerEntry_state_idx" ON "LedgerEntry"("state");
CREATE INDEX "LedgerEntry_runId_idx" ON "LedgerEntry"("runId");
CREATE UNIQUE INDEX "LedgerEntry_runId_objectKey_key" ON "LedgerEntry"("runId", "objectKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TargetLock_runId_idx" ON "TargetLock"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "TargetLock_clusterId_objectKey_key" ON "TargetLock"("clusterId", "objectKey");


-- Runs open when this migration runs hold their experiment from now on (the newest one, should an
-- experiment have two: the race this column closes). Their mode and frozen copy stay null: the
-- engine reads both from the experiment row, as it did when they started.
UPDATE "Run" SET "liveExperimentId" = "experimentId"
WHERE "status" IN ('draft', 'preflight', 'running', 'stopping')
  AND "id" = (SELECT r2."id" FROM "Run" r2 WHERE r2."experimentId" = "Run"."experimentId" AND r2."status" IN ('draft', 'preflight', 'running', 'stopping') ORDER BY r2."createdAt" DESC LIMIT 1);
