-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "endCause" TEXT,
ADD COLUMN     "experimentSnapshot" JSONB,
ADD COLUMN     "liveExperimentId" TEXT,
ADD COLUMN     "mode" TEXT,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "applySettledAt" TIMESTAMP(3),
ADD COLUMN     "lastRound" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "objectKey" TEXT;

-- CreateTable
CREATE TABLE "TargetLock" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TargetLock_runId_idx" ON "TargetLock"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "TargetLock_clusterId_objectKey_key" ON "TargetLock"("clusterId", "objectKey");

-- CreateIndex
CREATE UNIQUE INDEX "Run_liveExperimentId_key" ON "Run"("liveExperimentId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_runId_objectKey_key" ON "LedgerEntry"("runId", "objectKey");

-- AddForeignKey
ALTER TABLE "TargetLock" ADD CONSTRAINT "TargetLock_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetLock" ADD CONSTRAINT "TargetLock_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Runs open when this migration runs hold their experiment from now on (the newest one, should an
-- experiment have two: the race this column closes). Their mode and frozen copy stay null: the
-- engine reads both from the experiment row, as it did when they started.
UPDATE "Run" SET "liveExperimentId" = "experimentId"
WHERE "status" IN ('draft', 'preflight', 'running', 'stopping')
  AND "id" = (SELECT r2."id" FROM "Run" r2 WHERE r2."experimentId" = "Run"."experimentId" AND r2."status" IN ('draft', 'preflight', 'running', 'stopping') ORDER BY r2."createdAt" DESC LIMIT 1);
