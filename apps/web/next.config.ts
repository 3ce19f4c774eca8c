import type { NextConfig } from 'next';

// Built as plain `.next` (no standalone): the custom server in src/server/main.ts runs Next.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server-side graph (Prisma, argon2, socket.io) lives in the custom server, not in bundles.
  serverExternalPackages: [
    '@berth/db',
    '@berth/compose',
    '@berth/log',
    '@node-rs/argon2',
    'socket.io',
  ],
  typescript: {
    // Turbopack maps `./x.js` imports to `./x.ts` only under NodeNext resolution, while the
    // type checker needs Bundler resolution for next/* imports. So Turbopack reads this file,
    // and types are checked by `npm run typecheck` (tsconfig.json) instead of by `next build`.
    tsconfigPath: 'tsconfig.turbopack.json',
    ignoreBuildErrors: true,
  },
};

export default config;
