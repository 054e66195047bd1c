/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native sockets, dynamic requires).
  serverExternalPackages: ['redis', '@vercel/kv', 'sanitize-html'],
  poweredByHeader: false,
};

export default nextConfig;
