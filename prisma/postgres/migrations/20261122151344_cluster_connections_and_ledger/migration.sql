-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "clusterId" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT;

-- AlterTable
ALTER TABLE "ClusterConnection" ADD COLUMN     "context" TEXT,
ADD COLUMN     "inCluster" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "server" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),
    "revertedAt" TIMESTAMP(3),

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerEntry_state_idx" ON "LedgerEntry"("state");

-- CreateIndex
CREATE INDEX "LedgerEntry_runId_idx" ON "LedgerEntry"("runId");

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

