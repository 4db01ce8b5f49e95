-- AlterTable
ALTER TABLE "Case" ADD COLUMN "verificationCode" TEXT;

