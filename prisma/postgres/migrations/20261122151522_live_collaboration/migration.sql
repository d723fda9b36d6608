-- AlterTable
ALTER TABLE "GameDay" ADD COLUMN     "liveSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stepTimerEndsAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "FailureMode" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

