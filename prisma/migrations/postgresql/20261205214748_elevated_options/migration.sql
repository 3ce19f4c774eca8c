-- AlterTable
ALTER TABLE "Container" ADD COLUMN     "elevated" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "policy" TEXT;
