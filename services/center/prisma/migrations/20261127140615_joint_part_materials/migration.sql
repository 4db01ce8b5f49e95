-- AlterTable
ALTER TABLE "JointPart" ADD COLUMN "itemName" TEXT;
ALTER TABLE "JointPart" ADD COLUMN "materials" TEXT;

