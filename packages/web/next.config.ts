import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // @chat/wire ships TypeScript sources (as the other workspace packages do).
  transpilePackages: ["@chat/wire"],
};

export default nextConfig;
