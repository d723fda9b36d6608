import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@kubernetes/client-node",
    "bcryptjs",
  ],
  poweredByHeader: false,
  // Lets several builds live side by side (e.g. parallel test runs); default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // An imported document may hold 1,000,000 characters (lib/as-code): its
  // action body is larger than Next's default 1 MB, which answers a 500.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
};

export default nextConfig;
