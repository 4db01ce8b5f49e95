-- CreateTable
CREATE TABLE "Item" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "implementingBody" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "statutoryLimitDays" INTEGER NOT NULL,
    "committedLimitDays" INTEGER NOT NULL,
    "feeCharged" BOOLEAN NOT NULL DEFAULT false,
    "feeStandard" TEXT,
    "feeBasis" TEXT,
    "inCenter" BOOLEAN NOT NULL DEFAULT true,
    "windowAuthorized" BOOLEAN NOT NULL DEFAULT false,
    "onlineAvailable" BOOLEAN NOT NULL DEFAULT false,
    "maxVisits" INTEGER NOT NULL DEFAULT 1,
    "conditions" TEXT NOT NULL,
    "process" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ItemMaterial" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemCode" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "original" BOOLEAN NOT NULL,
    "copies" INTEGER NOT NULL DEFAULT 1,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "form" TEXT NOT NULL DEFAULT 'PAPER',
    "blankFormAvailable" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ItemMaterial_itemCode_fkey" FOREIGN KEY ("itemCode") REFERENCES "Item" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "deadline" DATETIME,
    "concludedAt" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "deemedAccepted" BOOLEAN NOT NULL DEFAULT false,
    "supplementRequestedAt" DATETIME,
    "missingMaterials" TEXT,
    "suspendedAt" DATETIME,
    "suspendedDays" INTEGER NOT NULL DEFAULT 0,
    "denialReason" TEXT,
    "denialLegalBasis" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Case_itemCode_fkey" FOREIGN KEY ("itemCode") REFERENCES "Item" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,
    "materials" TEXT,
    "reason" TEXT,
    "legalBasis" TEXT,
    "procedure" TEXT,
    "expectedEnd" DATETIME,
    CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "operation" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConstructionProject" (
    "caseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "floorArea" REAL NOT NULL,
    "structure" TEXT NOT NULL,
    "landParcelNumber" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ItemMaterial_itemCode_position_key" ON "ItemMaterial"("itemCode", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");

-- CreateIndex
CREATE INDEX "Case_submittedAt_id_idx" ON "Case"("submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_deadline_id_idx" ON "Case"("deadline", "id");

-- CreateIndex
CREATE INDEX "Case_status_idx" ON "Case"("status");

-- CreateIndex
CREATE INDEX "Case_itemCode_idx" ON "Case"("itemCode");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvent_caseId_seq_key" ON "CaseEvent"("caseId", "seq");

