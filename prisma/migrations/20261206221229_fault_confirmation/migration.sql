-- AlterTable
ALTER TABLE "Run" ADD COLUMN "faultAlertAckAt" DATETIME;

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN "effect" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "effectAt" DATETIME;
ALTER TABLE "LedgerEntry" ADD COLUMN "effectDetail" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "recovery" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "recoveryAt" DATETIME;
ALTER TABLE "LedgerEntry" ADD COLUMN "recoveryDetail" TEXT;

