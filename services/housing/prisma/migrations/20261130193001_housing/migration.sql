-- CreateTable
CREATE TABLE "ConstructionProject" (
    "caseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "floorArea" REAL NOT NULL,
    "structure" TEXT NOT NULL,
    "landParcelNumber" TEXT NOT NULL
);

