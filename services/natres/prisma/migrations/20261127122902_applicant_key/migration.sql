-- AlterTable
ALTER TABLE "Case" ADD COLUMN "applicantKey" TEXT;

-- CreateIndex
CREATE INDEX "Case_applicantKey_idx" ON "Case"("applicantKey");

