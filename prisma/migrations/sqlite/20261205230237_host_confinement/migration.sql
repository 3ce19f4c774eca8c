-- AlterTable
ALTER TABLE "Host" ADD COLUMN "confinement" TEXT;
