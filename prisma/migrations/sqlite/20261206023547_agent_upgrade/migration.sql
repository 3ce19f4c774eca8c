-- AlterTable
ALTER TABLE "Host" ADD COLUMN "protocolVersion" INTEGER;
ALTER TABLE "Host" ADD COLUMN "upgrade" TEXT;
