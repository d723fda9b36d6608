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
    "followUpSeq" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GameDay_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_GameDay" ("createdAt", "createdById", "goals", "id", "liveSeq", "phase", "scheduledFor", "stepTimerEndsAt", "systemUnderTest", "teamId", "title", "updatedAt") SELECT "createdAt", "createdById", "goals", "id", "liveSeq", "phase", "scheduledFor", "stepTimerEndsAt", "systemUnderTest", "teamId", "title", "updatedAt" FROM "GameDay";
DROP TABLE "GameDay";
ALTER TABLE "new_GameDay" RENAME TO "GameDay";
CREATE INDEX "GameDay_teamId_scheduledFor_idx" ON "GameDay"("teamId", "scheduledFor");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Hand-written: number the next built-in ticket after those already filed, and
-- keep any FD-n key that two concurrent filings shared (possible on PostgreSQL
-- before this migration) unique by suffixing the later ticket's id.
UPDATE "GameDay" SET "followUpSeq" = (SELECT COUNT(*) FROM "FollowUp" WHERE "FollowUp"."gameDayId" = "GameDay"."id" AND "FollowUp"."tracker" = 'builtin');
UPDATE "FollowUp" SET "externalKey" = "externalKey" || '-' || "id"
WHERE "tracker" = 'builtin' AND EXISTS (
  SELECT 1 FROM "FollowUp" AS earlier
  WHERE earlier."gameDayId" = "FollowUp"."gameDayId" AND earlier."tracker" = 'builtin'
    AND earlier."externalKey" = "FollowUp"."externalKey" AND earlier."id" < "FollowUp"."id"
);

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_gameDayId_tracker_externalKey_key" ON "FollowUp"("gameDayId", "tracker", "externalKey");

