-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "labels" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "statusCheckedAt" TIMESTAMP(3),
ADD COLUMN     "syncAttemptAt" TIMESTAMP(3),
ADD COLUMN     "syncAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "syncError" TEXT,
ADD COLUMN     "syncErrorCode" TEXT,
ADD COLUMN     "syncState" TEXT NOT NULL DEFAULT 'synced';

-- CreateTable
CREATE TABLE "ReportShare" (
    "id" TEXT NOT NULL,
    "gameDayId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ReportShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackerConnection" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "accountEmail" TEXT NOT NULL DEFAULT '',
    "encryptedToken" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT 'firedrill',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrackerConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunNotificationTarget" (
    "id" TEXT NOT NULL,
    "gameDayId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "encryptedUrl" TEXT NOT NULL,
    "urlHint" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSentAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "RunNotificationTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportShare_tokenHash_key" ON "ReportShare"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportShare_gameDayId_idx" ON "ReportShare"("gameDayId");

-- CreateIndex
CREATE UNIQUE INDEX "TrackerConnection_teamId_key" ON "TrackerConnection"("teamId");

-- CreateIndex
CREATE INDEX "RunNotificationTarget_gameDayId_idx" ON "RunNotificationTarget"("gameDayId");

-- AddForeignKey
ALTER TABLE "ReportShare" ADD CONSTRAINT "ReportShare_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackerConnection" ADD CONSTRAINT "TrackerConnection_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunNotificationTarget" ADD CONSTRAINT "RunNotificationTarget_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

