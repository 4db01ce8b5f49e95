-- AlterTable
ALTER TABLE "Case" ADD COLUMN "workingDaysToConclude" INTEGER;

-- CreateIndex
CREATE INDEX "Case_applicantIdNumber_idx" ON "Case"("applicantIdNumber");

-- CreateIndex
CREATE INDEX "Case_concludedAt_idx" ON "Case"("concludedAt");

