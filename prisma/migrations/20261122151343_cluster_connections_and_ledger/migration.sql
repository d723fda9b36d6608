-- AlterTable
ALTER TABLE "Run" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "Run" ADD COLUMN "leaseOwner" TEXT;

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "undo" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    "revertedAt" DATETIME,
    CONSTRAINT "LedgerEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Experiment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameDayId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "hypothesis" TEXT NOT NULL,
    "steadyState" JSONB NOT NULL,
    "faults" JSONB NOT NULL,
    "targets" JSONB NOT NULL,
    "durationSec" INTEGER NOT NULL,
    "abortConditions" JSONB NOT NULL,
    "rollbackNotes" TEXT NOT NULL,
    "clusterId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Experiment_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Experiment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Experiment" ("abortConditions", "createdAt", "createdById", "durationSec", "faults", "gameDayId", "hypothesis", "id", "rollbackNotes", "steadyState", "targets", "title", "updatedAt") SELECT "abortConditions", "createdAt", "createdById", "durationSec", "faults", "gameDayId", "hypothesis", "id", "rollbackNotes", "steadyState", "targets", "title", "updatedAt" FROM "Experiment";
DROP TABLE "Experiment";
ALTER TABLE "new_Experiment" RENAME TO "Experiment";
CREATE INDEX "Experiment_gameDayId_idx" ON "Experiment"("gameDayId");
CREATE TABLE "new_ClusterConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "encryptedConfig" TEXT,
    "context" TEXT,
    "inCluster" BOOLEAN NOT NULL DEFAULT false,
    "server" TEXT NOT NULL DEFAULT '',
    "guardrails" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClusterConnection_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ClusterConnection" ("createdAt", "encryptedConfig", "guardrails", "id", "name", "teamId") SELECT "createdAt", "encryptedConfig", "guardrails", "id", "name", "teamId" FROM "ClusterConnection";
DROP TABLE "ClusterConnection";
ALTER TABLE "new_ClusterConnection" RENAME TO "ClusterConnection";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "LedgerEntry_state_idx" ON "LedgerEntry"("state");

-- CreateIndex
CREATE INDEX "LedgerEntry_runId_idx" ON "LedgerEntry"("runId");

