-- CreateIndex
CREATE INDEX "LedgerEntry_effect_idx" ON "LedgerEntry"("effect");

-- CreateIndex
CREATE INDEX "LedgerEntry_recovery_idx" ON "LedgerEntry"("recovery");

