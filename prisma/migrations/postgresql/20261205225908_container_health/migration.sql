-- AlterTable
ALTER TABLE "Container" ADD COLUMN     "health" TEXT;
