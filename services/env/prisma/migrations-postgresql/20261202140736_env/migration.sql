-- CreateTable
CREATE TABLE "EnvironmentalAssessment" (
    "caseId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "pollutantTypes" TEXT NOT NULL,
    "totalInvestment" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "EnvironmentalAssessment_pkey" PRIMARY KEY ("caseId")
);

