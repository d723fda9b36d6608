-- AlterTable
ALTER TABLE "GameDay" ADD COLUMN     "followUpSeq" INTEGER NOT NULL DEFAULT 0;

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

