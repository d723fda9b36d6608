-- DropIndex
DROP INDEX "Invitation_token_key";

-- AlterTable
-- Invitations from before this version were accepted by anyone who knew the
-- email and never expired: they are kept for the record, expired at once, and
-- their plaintext tokens are not carried over (admins send new links).
ALTER TABLE "Invitation" DROP COLUMN "token",
ADD COLUMN     "acceptedById" TEXT,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "tokenHash" TEXT;
UPDATE "Invitation" SET "expiresAt" = "createdAt", "tokenHash" = 'legacy:' || "id";
ALTER TABLE "Invitation" ALTER COLUMN "expiresAt" SET NOT NULL, ALTER COLUMN "tokenHash" SET NOT NULL;

-- CreateTable
CREATE TABLE "UserIdentity" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "UserIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL,
    "firstAdminAt" TIMESTAMP(3),
    "setupTokenHash" TEXT,
    "setupTokenExpiresAt" TIMESTAMP(3),

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserIdentity_userId_idx" ON "UserIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_issuer_subject_key" ON "UserIdentity"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The installation's one row; an installation that already has a team has had its first admin.
INSERT INTO "Installation" ("id", "firstAdminAt") SELECT 1, (SELECT MIN("createdAt") FROM "Team");
