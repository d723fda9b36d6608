-- CreateTable
CREATE TABLE "RunMetricSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "probeKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "comparator" TEXT NOT NULL,
    "threshold" REAL NOT NULL,
    "windowSec" INTEGER NOT NULL,
    "stepSec" INTEGER NOT NULL,
    "points" JSONB NOT NULL,
    "coversFrom" DATETIME NOT NULL,
    "coversTo" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RunMetricSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MetricsSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "encryptedAuth" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clusterId" TEXT,
    "authKind" TEXT NOT NULL DEFAULT 'none',
    "tlsSkipVerify" BOOLEAN NOT NULL DEFAULT false,
    "caCert" TEXT,
    CONSTRAINT "MetricsSource_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MetricsSource_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterConnection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_MetricsSource" ("createdAt", "encryptedAuth", "id", "name", "teamId", "url") SELECT "createdAt", "encryptedAuth", "id", "name", "teamId", "url" FROM "MetricsSource";
DROP TABLE "MetricsSource";
ALTER TABLE "new_MetricsSource" RENAME TO "MetricsSource";
CREATE INDEX "MetricsSource_teamId_idx" ON "MetricsSource"("teamId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RunMetricSnapshot_runId_probeKey_key" ON "RunMetricSnapshot"("runId", "probeKey");

