-- AlterTable
ALTER TABLE "Case" ADD COLUMN "extendedAt" DATETIME;

-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN "approvedBy" TEXT;


-- 行政许可法 §45's list of special procedures replaces the old one. HEARING, TESTING and
-- EXPERT_REVIEW keep their codes (the old TESTING, "检验、检测、检疫", now reads 检测; the old
-- EXPERT_REVIEW, "专家评审、鉴定", 专家评审). 公示、公告 and 现场勘验 are not §45 procedures: their
-- events become OTHER, and since they recorded no legal basis, the basis says so (new OTHER
-- suspensions must name one).
UPDATE "CaseEvent" SET "procedure" = 'OTHER', "legalBasis" = COALESCE("legalBasis", '未记录（原特别程序：公示、公告）')
  WHERE "procedure" = 'PUBLIC_NOTICE';
UPDATE "CaseEvent" SET "procedure" = 'OTHER', "legalBasis" = COALESCE("legalBasis", '未记录（原特别程序：现场勘验）')
  WHERE "procedure" = 'SITE_INSPECTION';
