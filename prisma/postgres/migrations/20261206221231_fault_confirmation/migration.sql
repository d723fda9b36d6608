-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "faultAlertAckAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "effect" TEXT,
ADD COLUMN     "effectAt" TIMESTAMP(3),
ADD COLUMN     "effectDetail" TEXT,
ADD COLUMN     "recovery" TEXT,
ADD COLUMN     "recoveryAt" TIMESTAMP(3),
ADD COLUMN     "recoveryDetail" TEXT;

