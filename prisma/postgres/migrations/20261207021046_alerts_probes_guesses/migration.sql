-- AlterTable
ALTER TABLE "MeasuredImpact" ADD COLUMN     "paged" BOOLEAN;

-- AlterTable
ALTER TABLE "MetricsSource" ADD COLUMN     "alertmanagerUrl" TEXT,
ADD COLUMN     "receiverTokenHash" TEXT;

-- CreateTable
CREATE TABLE "RunAlert" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "alertname" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "severity" TEXT,
    "pendingAt" TIMESTAMP(3),
    "firedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "inAlertmanagerAt" TIMESTAMP(3),
    "notifiedAt" TIMESTAMP(3),
    "notifications" INTEGER NOT NULL DEFAULT 0,
    "preexisting" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HttpProbeSample" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "probeKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "latencyMs" DOUBLE PRECISION,
    "error" TEXT,

    CONSTRAINT "HttpProbeSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonalEstimate" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "slot" TEXT NOT NULL DEFAULT 'next',
    "runId" TEXT,
    "timeToDetectMin" DOUBLE PRECISION,
    "timeToRecoverMin" DOUBLE PRECISION,
    "willPage" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonalEstimate_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "RunAlert" ADD CONSTRAINT "RunAlert_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HttpProbeSample" ADD CONSTRAINT "HttpProbeSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalEstimate" ADD CONSTRAINT "PersonalEstimate_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalEstimate" ADD CONSTRAINT "PersonalEstimate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalEstimate" ADD CONSTRAINT "PersonalEstimate_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

