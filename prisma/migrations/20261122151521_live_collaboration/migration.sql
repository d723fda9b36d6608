-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GameDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "goals" TEXT NOT NULL,
    "systemUnderTest" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'gather',
    "liveSeq" INTEGER NOT NULL DEFAULT 0,
    "stepTimerEndsAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GameDay_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_GameDay" ("createdAt", "createdById", "goals", "id", "phase", "scheduledFor", "systemUnderTest", "teamId", "title", "updatedAt") SELECT "createdAt", "createdById", "goals", "id", "phase", "scheduledFor", "systemUnderTest", "teamId", "title", "updatedAt" FROM "GameDay";
DROP TABLE "GameDay";
ALTER TABLE "new_GameDay" RENAME TO "GameDay";
CREATE INDEX "GameDay_teamId_scheduledFor_idx" ON "GameDay"("teamId", "scheduledFor");
CREATE TABLE "new_FailureMode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameDayId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "injectionPoint" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FailureMode_gameDayId_fkey" FOREIGN KEY ("gameDayId") REFERENCES "GameDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FailureMode" ("authorId", "authorName", "createdAt", "description", "gameDayId", "id", "injectionPoint", "title") SELECT "authorId", "authorName", "createdAt", "description", "gameDayId", "id", "injectionPoint", "title" FROM "FailureMode";
DROP TABLE "FailureMode";
ALTER TABLE "new_FailureMode" RENAME TO "FailureMode";
CREATE INDEX "FailureMode_gameDayId_idx" ON "FailureMode"("gameDayId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

