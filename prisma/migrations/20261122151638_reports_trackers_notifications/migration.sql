-- CreateTable
CREATE TABLE "ReportShare" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameDayId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "ReportShare_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrackerConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "accountEmail" TEXT NOT NULL DEFAULT '',
    "encryptedToken" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT 'firedrill',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrackerConnection_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunNotificationTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameDayId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "encryptedUrl" TEXT NOT NULL,
    "urlHint" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSentAt" DATETIME,
    "lastError" TEXT,
    CONSTRAINT "RunNotificationTarget_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameDayId" TEXT NOT NULL,
    "failureModeId" TEXT,
    "runId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "tracker" TEXT NOT NULL DEFAULT 'builtin',
    "externalKey" TEXT,
    "externalUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '',
    "syncState" TEXT NOT NULL DEFAULT 'synced',
    "syncErrorCode" TEXT,
    "syncError" TEXT,
    "syncAttempts" INTEGER NOT NULL DEFAULT 0,
    "syncAttemptAt" DATETIME,
    "statusCheckedAt" DATETIME,
    CONSTRAINT "FollowUp_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_failureModeId_fkey" FOREIGN KEY ("failureModeId") REFERENCES "FailureMode" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUp" ("body", "createdAt", "createdById", "externalKey", "externalUrl", "failureModeId", "gameDayId", "id", "runId", "status", "title", "tracker", "updatedAt") SELECT "body", "createdAt", "createdById", "externalKey", "externalUrl", "failureModeId", "gameDayId", "id", "runId", "status", "title", "tracker", "updatedAt" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE INDEX "FollowUp_gameDayId_idx" ON "FollowUp"("gameDayId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ReportShare_tokenHash_key" ON "ReportShare"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportShare_gameDayId_idx" ON "ReportShare"("gameDayId");

-- CreateIndex
CREATE UNIQUE INDEX "TrackerConnection_teamId_key" ON "TrackerConnection"("teamId");

-- CreateIndex
CREATE INDEX "RunNotificationTarget_gameDayId_idx" ON "RunNotificationTarget"("gameDayId");

