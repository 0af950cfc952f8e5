import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ConfigProvider } from "@/components/ConfigProvider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Chat", template: "%s · Chat" },
  description: "Real-time chat rooms",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

// Static: the API URLs are the build's (see lib/config.ts), so pages that need no
// per-request data are prerendered and served without running the server.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ConfigProvider>{children}</ConfigProvider>
      </body>
    </html>
  );
}
