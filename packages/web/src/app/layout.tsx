import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ConfigProvider } from "@/components/ConfigProvider";
import { readClientConfig } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Chat", template: "%s · Chat" },
  description: "Real-time chat rooms",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request so the API URLs come from this server's environment, not the build's.
  await connection();
  const config = readClientConfig();
  return (
    <html lang="en">
      <body>
        <ConfigProvider config={config}>{children}</ConfigProvider>
      </body>
    </html>
  );
}
