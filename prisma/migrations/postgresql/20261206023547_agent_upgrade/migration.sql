-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "protocolVersion" INTEGER,
ADD COLUMN     "upgrade" TEXT;
