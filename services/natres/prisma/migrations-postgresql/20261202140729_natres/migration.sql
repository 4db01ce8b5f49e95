-- CreateTable
CREATE TABLE "LandParcel" (
    "caseId" INTEGER NOT NULL,
    "parcelNumber" TEXT NOT NULL,
    "area" DOUBLE PRECISION NOT NULL,
    "landUse" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "landSource" TEXT NOT NULL,

    CONSTRAINT "LandParcel_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "LandParcel_parcelNumber_idx" ON "LandParcel"("parcelNumber");

