-- AlterTable
ALTER TABLE "Case" ADD COLUMN "jointApplicationId" TEXT;

-- CreateIndex
CREATE INDEX "Case_jointApplicationId_idx" ON "Case"("jointApplicationId");

