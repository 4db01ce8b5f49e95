-- CreateTable
CREATE TABLE "PropertyTransaction" (
    "caseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "address" TEXT NOT NULL,
    "floorArea" REAL NOT NULL,
    "price" REAL NOT NULL,
    "taxAmount" REAL NOT NULL,
    "taxKinds" TEXT NOT NULL
);

