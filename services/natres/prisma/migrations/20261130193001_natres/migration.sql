-- CreateTable
CREATE TABLE "LandParcel" (
    "caseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parcelNumber" TEXT NOT NULL,
    "area" REAL NOT NULL,
    "landUse" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "landSource" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "LandParcel_parcelNumber_idx" ON "LandParcel"("parcelNumber");

