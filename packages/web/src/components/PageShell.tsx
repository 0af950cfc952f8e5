import Link from "next/link";
import type { ReactNode } from "react";

/** Centered single-column page with the app's name linking home. */
export function PageShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto flex min-h-dvh w-full max-w-2xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-10">
      <nav aria-label="Site">
        <Link href="/" className="text-sm font-semibold text-accent hover:underline">
          Chat
        </Link>
      </nav>
      <main className="flex flex-col gap-6">
        <h1 className="text-2xl font-bold [overflow-wrap:anywhere] sm:text-3xl">{title}</h1>
        {children}
      </main>
    </div>
  );
}
