-- A Word import between its preview and its "Create": the converted sections, never the file.
CREATE TABLE "WordImportDraft" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "paperId" TEXT,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WordImportDraft_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WordImportDraft_expiresAt_idx" ON "WordImportDraft"("expiresAt");
