-- CreateTable
CREATE TABLE "Enterprise" (
    "caseId" INTEGER NOT NULL,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enterpriseType" TEXT NOT NULL,
    "registeredCapital" DOUBLE PRECISION NOT NULL,
    "legalRepresentative" TEXT NOT NULL,
    "businessScope" TEXT NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "Enterprise_creditCode_idx" ON "Enterprise"("creditCode");

