-- CreateTable
CREATE TABLE "EnvironmentalAssessment" (
    "caseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "category" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "pollutantTypes" TEXT NOT NULL,
    "totalInvestment" REAL NOT NULL
);

