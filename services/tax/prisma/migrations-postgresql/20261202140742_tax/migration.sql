-- CreateTable
CREATE TABLE "PropertyTransaction" (
    "caseId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "floorArea" DOUBLE PRECISION NOT NULL,
    "price" DOUBLE PRECISION NOT NULL,
    "taxAmount" DOUBLE PRECISION NOT NULL,
    "taxKinds" TEXT NOT NULL,

    CONSTRAINT "PropertyTransaction_pkey" PRIMARY KEY ("caseId")
);

