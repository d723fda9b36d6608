-- AlterTable
ALTER TABLE "MeasuredImpact" ADD COLUMN "paged" BOOLEAN;

-- AlterTable
ALTER TABLE "MetricsSource" ADD COLUMN "alertmanagerUrl" TEXT;
ALTER TABLE "MetricsSource" ADD COLUMN "receiverTokenHash" TEXT;

-- CreateTable
CREATE TABLE "RunAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "alertname" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "severity" TEXT,
    "pendingAt" DATETIME,
    "firedAt" DATETIME,
    "resolvedAt" DATETIME,
    "inAlertmanagerAt" DATETIME,
    "notifiedAt" DATETIME,
    "notifications" INTEGER NOT NULL DEFAULT 0,
    "preexisting" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RunAlert_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HttpProbeSample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "probeKey" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "latencyMs" REAL,
    "error" TEXT,
    CONSTRAINT "HttpProbeSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonalEstimate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "slot" TEXT NOT NULL DEFAULT 'next',
    "runId" TEXT,
    "timeToDetectMin" REAL,
    "timeToRecoverMin" REAL,
    "willPage" BOOLEAN,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PersonalEstimate_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonalEstimate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonalEstimate_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RunAlert_runId_key_key" ON "RunAlert"("runId", "key");

-- CreateIndex
CREATE INDEX "HttpProbeSample_runId_probeKey_at_idx" ON "HttpProbeSample"("runId", "probeKey", "at");

-- CreateIndex
CREATE INDEX "PersonalEstimate_runId_idx" ON "PersonalEstimate"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalEstimate_experimentId_userId_slot_key" ON "PersonalEstimate"("experimentId", "userId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "MetricsSource_receiverTokenHash_key" ON "MetricsSource"("receiverTokenHash");

