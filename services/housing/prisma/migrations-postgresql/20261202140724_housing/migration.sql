-- CreateTable
CREATE TABLE "ConstructionProject" (
    "caseId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "floorArea" DOUBLE PRECISION NOT NULL,
    "structure" TEXT NOT NULL,
    "landParcelNumber" TEXT NOT NULL,

    CONSTRAINT "ConstructionProject_pkey" PRIMARY KEY ("caseId")
);

