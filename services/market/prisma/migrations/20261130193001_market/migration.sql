-- CreateTable
CREATE TABLE "Enterprise" (
    "caseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enterpriseType" TEXT NOT NULL,
    "registeredCapital" REAL NOT NULL,
    "legalRepresentative" TEXT NOT NULL,
    "businessScope" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Enterprise_creditCode_idx" ON "Enterprise"("creditCode");

