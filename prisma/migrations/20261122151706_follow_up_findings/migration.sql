-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN "externalState" TEXT;
ALTER TABLE "FollowUp" ADD COLUMN "findingKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_gameDayId_findingKey_key" ON "FollowUp"("gameDayId", "findingKey");

