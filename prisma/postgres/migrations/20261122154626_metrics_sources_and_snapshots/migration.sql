-- AlterTable
ALTER TABLE "MetricsSource" ADD COLUMN     "authKind" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "caCert" TEXT,
ADD COLUMN     "clusterId" TEXT,
ADD COLUMN     "tlsSkipVerify" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RunMetricSnapshot" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "probeKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "comparator" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "windowSec" INTEGER NOT NULL,
    "stepSec" INTEGER NOT NULL,
    "points" JSONB NOT NULL,
    "coversFrom" TIMESTAMP(3) NOT NULL,
    "coversTo" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunMetricSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RunMetricSnapshot_runId_probeKey_key" ON "RunMetricSnapshot"("runId", "probeKey");

-- CreateIndex
CREATE INDEX "MetricsSource_teamId_idx" ON "MetricsSource"("teamId");

-- AddForeignKey
ALTER TABLE "MetricsSource" ADD CONSTRAINT "MetricsSource_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunMetricSnapshot" ADD CONSTRAINT "RunMetricSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

