-- CreateEnum
CREATE TYPE "DraftingMode" AS ENUM ('OPEN', 'PENHOLDER');

-- AlterTable
ALTER TABLE "Paper" ADD COLUMN     "draftingMode" "DraftingMode" NOT NULL DEFAULT 'OPEN';

