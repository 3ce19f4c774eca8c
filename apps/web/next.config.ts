import type { NextConfig } from 'next';

// Built as plain `.next` (no standalone): the custom server in src/server/main.ts runs Next.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server-side graph (Prisma, argon2, socket.io) lives in the custom server, not in bundles.
  serverExternalPackages: ['@berth/db', '@node-rs/argon2', 'socket.io'],
};

export default config;
